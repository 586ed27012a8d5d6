// The review page: select a passage of a section, press "Quote in a comment", and the passage
// goes into the comment form's quoted passage (and the form names that section). Without this
// script the passage is copied by hand.
(() => {
  const form = document.getElementById("comment-form");
  if (!form) return;
  const quote = form.querySelector("[name=quote]");
  const section = form.querySelector("[name=section_key]");
  const text = form.querySelector("[name=text]");
  let last = { key: null, text: "" }; // the passage selected last, kept while a button is pressed

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    const node = selection.getRangeAt(0).commonAncestorContainer;
    const source = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement).closest("[data-quote-source]");
    if (source) last = { key: source.dataset.quoteSource, text: selection.toString().replace(/\s+/g, " ").trim() };
  });

  // The buttons, once this script is here to answer them; a section's text loaded when it is
  // opened (a long version) brings its own.
  const showTools = () => {
    for (const tools of document.querySelectorAll("[data-quote-tools]")) tools.hidden = false;
  };
  showTools();
  document.addEventListener("htmx:afterSettle", showTools);

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-quote]");
    if (!button) return;
    const key = button.dataset.quote;
    const hint = button.parentElement.querySelector("[data-quote-hint]");
    if (last.key !== key || !last.text) {
      const words = hint.textContent;
      hint.textContent = "";
      hint.classList.add("quote-hint-shown");
      setTimeout(() => (hint.textContent = words), 50); // said again by screen readers
      return;
    }
    quote.value = last.text.slice(0, Number(quote.getAttribute("maxlength")) || 2000);
    if (section) section.value = key;
    text.focus();
    text.scrollIntoView({ block: "center" });
  });
})();
