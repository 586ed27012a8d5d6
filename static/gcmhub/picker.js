// Searchable lists of tick boxes (gcmhub/core/widgets.py CheckboxPicker): a filter box above a
// long list, the count and the names of the records ticked kept in sight. Without this script
// the list is a plain list of tick boxes.
(() => {
  const LONG = 8; // shorter lists need no filter
  // Case and accents aside, in the page's language (Turkish İ/I lower to i/ı), and ı as i:
  // "iom" finds "IOM" and "goc" finds "Göç" in either language.
  const fold = (text) =>
    text
      .toLocaleLowerCase(document.documentElement.lang || undefined)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ı/g, "i");

  function boxes(picker) {
    return Array.from(picker.querySelectorAll("input[type=checkbox]"));
  }

  function labelOf(box) {
    const label = box.closest("label") || document.querySelector(`label[for="${box.id}"]`);
    return label ? label.textContent.trim() : box.value;
  }

  function showChosen(picker) {
    const chosen = boxes(picker).filter((box) => box.checked).map(labelOf);
    picker.querySelector("[data-picker-count]").textContent = chosen.length;
    picker.querySelector("[data-picker-names]").textContent = chosen.join("; ");
  }

  function filter(picker, query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    let matches = 0;
    for (const box of boxes(picker)) {
      const row = box.closest("div") || box.parentElement;
      const text = fold(labelOf(box));
      const found = words.length > 0 && words.every((word) => text.includes(word));
      const match = found || box.checked || !words.length; // what is chosen stays in sight
      row.hidden = !match;
      row.toggleAttribute("data-picker-found", found);
      if (found) matches += 1;
    }
    picker.querySelector("[data-picker-none]").hidden = !words.length || matches > 0;
  }

  function setUp(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    const input = picker.querySelector("[data-picker-filter]");
    if (boxes(picker).length > LONG) {
      picker.querySelector("[data-picker-tools]").hidden = false;
      picker.classList.add("picker-long");
    }
    picker.addEventListener("change", () => showChosen(picker));
    input.addEventListener("input", () => filter(picker, input.value));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // filtering, not submitting the form
      } else if (event.key === "ArrowDown") {
        const shown = boxes(picker).filter((box) => !box.closest("[hidden]"));
        const first = shown.find((box) => box.closest("[data-picker-found]")) || shown[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape" && input.value) {
        input.value = "";
        filter(picker, "");
      }
    });
  }

  const setUpAll = (root) => root.querySelectorAll("[data-picker]").forEach(setUp);
  setUpAll(document);
  document.addEventListener("htmx:afterSwap", (event) => setUpAll(event.target));
})();
