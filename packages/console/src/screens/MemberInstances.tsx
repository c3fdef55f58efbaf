import { useRef, useState } from 'preact/hooks';
import { ApiProblem, unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import type { operations } from '../api/schema';
import { en } from '../messages/en';

const t = en.access;

type Member = operations['listMembers']['responses'][200]['content']['application/json']['data'][number];
interface Instance {
  readonly id: string;
  readonly name: string;
}

/**
 * A member's program instances, changed in place (`PATCH /members/{id}` with `programInstanceIds`; none ticked: the
 * whole workspace again, `null`). A disclosure, so the members table stays one line a member and the editor is
 * reached by keyboard (Enter on its summary, Tab through the boxes, Enter on Save; saved, it closes on its summary). A refusal is shown beside the
 * boxes and tied to them (`aria-describedby`), in the API's words for the field.
 */
export function MemberInstances({ member, instances, onChanged }: {
  readonly member: Member;
  readonly instances: readonly Instance[];
  readonly onChanged: (notice: string) => void;
}) {
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const disclosure = useRef<HTMLDetailsElement>(null);
  const base = `instances-${member.id}`;
  const current = member.programInstanceIds;

  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const ticked = form.getAll('programInstanceIds').map(String);
    setError(undefined);
    setSaving(true);
    try {
      const body = { programInstanceIds: ticked.length === 0 ? null : ticked };
      const changed = unwrap(await api.PATCH('/members/{memberId}', { params: { path: { memberId: member.id } }, body }));
      onChanged(t.instancesChanged(member.email, changed.programInstanceIds?.length));
      // Saved: the disclosure closes on its summary, which now says the new scope, and keeps the keyboard's place.
      if (disclosure.current !== null) {
        disclosure.current.open = false;
        disclosure.current.querySelector('summary')?.focus();
      }
    } catch (caught) {
      setError(besideTheBoxes(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <details ref={disclosure}>
      <summary>{scopeText(current)}<span class="visually-hidden">{t.changeInstancesOf(member.email)}</span></summary>
      {/* Keyed on the stored scope, so the boxes show what the server kept after each save. */}
      <form class="stack" onSubmit={(event) => void save(event)} key={(current ?? []).join(',')}>
        <fieldset aria-describedby={error === undefined ? `${base}-help` : `${base}-help ${base}-error`}>
          <legend>{t.instancesOf(member.email)}</legend>
          <p id={`${base}-help`} class="muted">{t.memberInstancesHelp}</p>
          {instances.map((instance) => (
            <label key={instance.id}>
              <input type="checkbox" name="programInstanceIds" value={instance.id} defaultChecked={current?.includes(instance.id) === true} aria-invalid={error !== undefined} /> {instance.name}
            </label>
          ))}
        </fieldset>
        {error === undefined ? null : <p id={`${base}-error`} class="field-error" role="alert">{error}</p>}
        <p><button type="submit" disabled={saving}>{saving ? en.common.saving : t.saveInstances}</button></p>
      </form>
    </details>
  );
}

/** Where a member reaches, as the table shows it. */
export function scopeText(programInstanceIds: readonly string[] | undefined): string {
  return programInstanceIds === undefined ? t.wholeWorkspace : t.limitedTo(programInstanceIds.length);
}

/** The refusal in the API's words, which name the field and the rule (`/programInstanceIds/0 no program instance …`). */
function besideTheBoxes(error: unknown): string {
  return error instanceof ApiProblem ? error.message : en.app.unexpected;
}
