// The rich-text editor (django-prose-editor, built on Tiptap) would inject Tiptap's base styles
// in a <style> element, which the Content-Security-Policy forbids (style-src 'self'): this
// extension turns that off before the editor is created, and gcmhub.css carries those styles.
import { Extension } from "django-prose-editor/editor";

export const NoInjectedStyles = Extension.create({
  name: "noInjectedStyles",
  onBeforeCreate() {
    this.editor.options.injectCSS = false;
  },
});
