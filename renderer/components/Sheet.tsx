// A modal sheet over the window, as a Mac settings window shows one: a titled dialog that holds the focus while open,
// closes on Esc (as Cancel), confirms on Return (its default button) and gives the focus back to what opened it.
// Mount it to open it and unmount it to close it; what it holds is the caller's, buttons included.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SheetProps {
  /** Read out as the dialog's name and shown as its heading. */
  title: string;
  /** Esc, and whatever the content's Cancel does: the caller unmounts the sheet. */
  onCancel: () => void;
  /**
   * Return anywhere but on a button, link or multi-line field (those keep their own Return). Leave it out when the
   * content is a form: Return in a text field already submits it, and a form's submit is its confirmation.
   */
  onConfirm?: () => void;
  /** Sets the sheet's busy state (aria-busy) while what it confirmed is under way. */
  busy?: boolean;
  /** A wider sheet, for a form with labels beside its fields. */
  wide?: boolean;
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), ' +
  'textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** Elements whose own Return does something else than confirming the sheet. */
const OWN_RETURN = new Set(['BUTTON', 'A', 'TEXTAREA', 'SELECT', 'SUMMARY']);

export function Sheet({ title, onCancel, onConfirm, busy = false, wide = false, children }: SheetProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Held in a ref so a re-render with a new callback does not reopen the dialog.
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;

  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (dialog && !dialog.open) dialog.showModal();
    // The first field (or button) takes the focus, unless the content already put it somewhere of its own.
    if (dialog && !dialog.contains(document.activeElement)) focusables(dialog)[0]?.focus();
    return () => {
      dialog?.close();
      // Back where the person was: the button that opened the sheet, if it is still there.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (event.key === 'Tab') {
      // The rest of the window is inert; without this, Tab would leave the sheet for the browser's own controls.
      const all = focusables(dialog);
      const first = all[0];
      const last = all.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (event.key === 'Enter' && onConfirm && !busy && !event.defaultPrevented) {
      const target = event.target as HTMLElement;
      if (OWN_RETURN.has(target.tagName)) return;
      event.preventDefault();
      onConfirm();
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className={wide ? 'sheet wide' : 'sheet'}
      aria-labelledby={titleId}
      aria-modal="true"
      aria-busy={busy}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Esc: the caller decides (it unmounts the sheet); the dialog never closes behind React's back.
        event.preventDefault();
        cancelRef.current();
      }}
    >
      <h2 className="sheet-title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}

function focusables(root: HTMLElement): HTMLElement[] {
  // Only what is shown: a closed <details>' fields and hidden elements have no boxes.
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}
