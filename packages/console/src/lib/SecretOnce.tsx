import { en } from '../messages/en';

/**
 * A secret the API answers once (a new API key, a webhook signing secret, an invitation link): shown in a read-only
 * field the member can select and copy, with the warning that it is not shown again. Nothing keeps it after the screen.
 */
export function SecretOnce({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div class="notice notice-ok" role="status">
      <label>
        {label}
        <input type="text" readOnly value={value} class="secret" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <p>{en.common.secretOnce}</p>
    </div>
  );
}
