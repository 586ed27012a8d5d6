// Our extensions of the rich-text editor (django-prose-editor, built on Tiptap).
import { Extension } from "django-prose-editor/editor";

// Tiptap would inject its base styles in a <style> element, which the Content-Security-Policy
// forbids (style-src 'self'): this turns that off before the editor is created, and gcmhub.css
// carries those styles.
export const NoInjectedStyles = Extension.create({
  name: "noInjectedStyles",
  onBeforeCreate() {
    this.editor.options.injectCSS = false;
  },
});

// The editable area (role="textbox") is named by the label of the text area it stands in for,
// so that a screen reader says which text is being edited.
export const AccessibleName = Extension.create({
  name: "accessibleName",
  onBeforeCreate() {
    const options = this.editor.options;
    const textarea = options.element && options.element.querySelector("textarea");
    const label = textarea && textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    if (!label) return;
    if (!label.id) label.id = `${textarea.id}-label`;
    const props = options.editorProps || {};
    options.editorProps = {
      ...props,
      attributes: { ...(props.attributes || {}), "aria-labelledby": label.id },
    };
  },
});
