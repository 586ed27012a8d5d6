// "Add a row" in tables of rows (Django formsets) without saving first. Each formset sits in an
// element [data-formset="prefix"] holding its management form, the rows ([data-formset-rows]),
// a <template data-formset-empty> with the formset's empty form, and the button (hidden
// until this script runs: without it, saving still brings new empty rows).
(() => {
  function add(formset) {
    const prefix = formset.dataset.formset;
    const total = formset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = formset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
    const count = Number(total.value);
    if (max && max.value && count >= Number(max.value)) return;
    const html = formset
      .querySelector("template[data-formset-empty]")
      .innerHTML.replaceAll("__prefix__", String(count))
      .replaceAll("__number__", String(count + 1));
    const rows = formset.querySelector("[data-formset-rows]");
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(count + 1);
    const row = rows.lastElementChild;
    const first = row.querySelector("input:not([type=hidden]):not([type=checkbox]), select, textarea");
    if (first) first.focus();
  }

  function setUp(formset) {
    if (formset.dataset.formsetReady) return;
    formset.dataset.formsetReady = "1";
    const tools = formset.querySelector("[data-formset-tools]");
    if (!tools) return;
    tools.hidden = false;
    tools.querySelector("[data-formset-add]").addEventListener("click", () => add(formset));
  }

  const setUpAll = (root) => root.querySelectorAll("[data-formset]").forEach(setUp);
  setUpAll(document);
  document.addEventListener("htmx:afterSwap", (event) => setUpAll(event.target));
})();
