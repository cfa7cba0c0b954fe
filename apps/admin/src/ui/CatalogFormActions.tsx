/**
 * The actions of a catalog edit form: save (or create), cancel, and, for an existing record,
 * delete. The API deletes a record nothing refers to and deactivates one that bookings still
 * refer to; `onDeactivated` lets the form show that.
 */
export function CatalogFormActions({
  submitLabel,
  saving,
  onCancel,
  remove,
}: {
  submitLabel: string;
  saving: boolean;
  onCancel: () => void;
  remove?: { pending: boolean; onDelete: () => void } | null;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={saving}>
        {submitLabel}
      </button>
      <button type="button" className="button button--ghost" onClick={onCancel}>
        Cancel
      </button>
      {remove && (
        <button type="button" className="button button--danger" disabled={remove.pending} onClick={remove.onDelete}>
          Delete
        </button>
      )}
    </div>
  );
}
