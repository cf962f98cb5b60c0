import { formatAmount } from "@credyt/core";
import * as Dialog from "@radix-ui/react-dialog";
import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useMemo, useState } from "react";
import { errorMessage } from "./error-message";
import { fieldMessage as localise } from "./field-message";
import { type CredytMessages, dialogEn, errorEn } from "./messages";
import type { TopUpDialogPart } from "./top-up-dialog-part";
import { TopUpPreview } from "./top-up-preview";
import type { UiContext } from "./ui-context";
import type { UseTopUpResult } from "./use-top-up";
import { validateAmount } from "./validate-amount";

/** Props of the lazily loaded top-up dialog (private: `<TopUpButton>` renders it). */
export interface TopUpDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (amount: number) => void;
  topUp: UseTopUpResult;
  currency: string;
  /** The asset credited; a custom one gets the "You get N" preview. */
  asset?: string | undefined;
  presets: number[];
  min: number | undefined;
  max: number | undefined;
  returnFocus: RefObject<HTMLButtonElement | null>;
  classNames: Partial<Record<TopUpDialogPart, string>>;
  ctx: UiContext;
}

/** The amount picker: presets, a validated custom amount, and a submit that goes to checkout. */
export function TopUpDialog(props: TopUpDialogProps): ReactNode {
  const { open, onOpenChange, onSubmit, topUp, currency, presets, min, max, returnFocus, classNames: cn, ctx } = props;
  const { locale, rootProps } = ctx;
  // The dialog's own English strings and the errors' come with this chunk; the app's `labels` (in `ctx.t`) win.
  const t: CredytMessages = useMemo(() => ({ ...dialogEn, ...errorEn, ...ctx.t }), [ctx.t]);
  const [value, setValue] = useState("");
  const [message, setMessage] = useState<string | undefined>(undefined);
  const id = useId();
  const rules = { currency, min, max, locale };
  // The server refused the amount (`invalid_request` with `details.amount`): our localised words
  // for its rule go under the field, like our own validation's, and the dialog stays open.
  const refused = topUp.error?.code === "invalid_request" ? topUp.error.details?.amount : undefined;
  const serverMessage = refused?.length ? localise(refused, rules, t) : undefined;
  const fieldMessage = message ?? serverMessage;
  useEffect(() => {
    if (serverMessage) document.getElementById(`${id}-input`)?.focus();
  }, [serverMessage, id]);
  const edited = () => {
    setMessage(undefined);
    if (serverMessage) topUp.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (topUp.isMutating) return;
    const result = validateAmount(value, rules, t);
    if ("message" in result) {
      setMessage(result.message);
      document.getElementById(`${id}-input`)?.focus();
      return;
    }
    setMessage(undefined);
    onSubmit(result.amount);
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) topUp.reset();
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay data-credyt="top-up-overlay" {...rootProps} className={cn.overlay} />
        <Dialog.Content
          data-credyt="top-up-dialog"
          {...rootProps}
          className={cn.dialog}
          onCloseAutoFocus={(event) => {
            // The trigger lives outside this lazily loaded Root: hand focus back to it ourselves.
            event.preventDefault();
            returnFocus.current?.focus();
          }}
        >
          <Dialog.Title data-credyt="top-up-title" className={cn.title}>
            {t.dialogTitle}
          </Dialog.Title>
          <Dialog.Description data-credyt="top-up-description" className={cn.description}>
            {t.dialogDescription}
          </Dialog.Description>
          <form data-credyt="top-up-form" className={cn.form} noValidate onSubmit={submit}>
            {presets.length > 0 && (
              <fieldset data-credyt="top-up-presets" className={cn.presets}>
                <legend data-credyt="top-up-presets-label">{t.presets}</legend>
                {presets.map((preset) => {
                  const selected = value === String(preset);
                  return (
                    <button
                      key={preset}
                      type="button"
                      data-credyt="top-up-preset"
                      data-state={selected ? "on" : "off"}
                      aria-pressed={selected}
                      className={cn.preset}
                      onClick={() => {
                        setValue(String(preset));
                        edited();
                      }}
                    >
                      {formatAmount(preset, currency, { locale })}
                    </button>
                  );
                })}
              </fieldset>
            )}
            <label data-credyt="top-up-label" htmlFor={`${id}-input`} className={cn.label}>
              {t.customAmount} ({currency})
            </label>
            <input
              id={`${id}-input`}
              data-credyt="top-up-input"
              data-state={fieldMessage ? "invalid" : "valid"}
              className={cn.input}
              inputMode="decimal"
              autoComplete="off"
              value={value}
              aria-invalid={fieldMessage ? true : undefined}
              aria-describedby={fieldMessage ? `${id}-message` : undefined}
              onChange={(event) => {
                setValue(event.target.value);
                if (fieldMessage) edited();
              }}
            />
            {!fieldMessage && (
              <TopUpPreview value={value} currency={currency} asset={props.asset} min={min} max={max} ctx={ctx} />
            )}
            {fieldMessage && (
              <p
                id={`${id}-message`}
                data-credyt="top-up-field-error"
                // Our own check moves focus to the field; the server's answer arrives later, so announce it.
                role={message ? undefined : "alert"}
                className={cn["field-error"]}
              >
                {fieldMessage}
              </p>
            )}
            {topUp.error && !serverMessage && (
              <p data-credyt="top-up-error" role="alert" className={cn.error}>
                {errorMessage(topUp.error, t)}
              </p>
            )}
            <div data-credyt="top-up-actions" className={cn.actions}>
              <Dialog.Close asChild>
                <button type="button" data-credyt="top-up-cancel" className={cn.cancel}>
                  {t.cancel}
                </button>
              </Dialog.Close>
              <button
                type="submit"
                data-credyt="top-up-submit"
                data-state={topUp.isMutating ? "pending" : topUp.error ? "error" : "idle"}
                aria-busy={topUp.isMutating || undefined}
                aria-disabled={topUp.isMutating || undefined}
                className={cn.submit}
              >
                {topUp.isMutating ? t.redirecting : t.submit}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
