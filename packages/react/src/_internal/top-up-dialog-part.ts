// Its own module so that the button (which lazily loads the dialog) and the dialog share it without
// importing each other: the type is public, re-exported by top-up-button.tsx.
/** Parts of the top-up dialog that take a class name (`data-credyt="top-up-<part>"`). */
export type TopUpDialogPart =
  | "overlay"
  | "dialog"
  | "title"
  | "description"
  | "form"
  | "presets"
  | "preset"
  | "label"
  | "input"
  | "field-error"
  | "error"
  | "actions"
  | "cancel"
  | "submit";
