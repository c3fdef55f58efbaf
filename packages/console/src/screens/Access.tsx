import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import type { operations } from '../api/schema';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { MemberInstances, scopeText } from './MemberInstances';
import { SecretOnce } from '../lib/SecretOnce';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.access;

type Permission = NonNullable<operations['createApiKey']['requestBody']>['content']['application/json']['permissions'][number];
type Role = NonNullable<operations['inviteMember']['requestBody']>['content']['application/json']['role'];

/** Every permission a scoped key may hold (the API's enum), in the order the API lists them. */
const PERMISSIONS: readonly Permission[] = ['enrollments:read', 'enrollments:write', 'participations:read', 'participations:write', 'program_instances:read', 'program_instances:write', 'programs:read', 'events:read', 'webhooks:manage', 'api_keys:manage', 'operator_events:write', 'members:manage'];
const ROLES: readonly Role[] = ['viewer', 'reviewer', 'admin'];

/**
 * Access: the workspace's API keys (create a scoped key, its secret shown once; revoke; when each was last used) and
 * its members (invite, with the one-time invitation link shown once; change role and program instances; remove). Each half shows only when
 * the member's role holds its permission (`api_keys:manage`, `members:manage`).
 */
export function Access() {
  const { session } = useSession();
  const mayKeys = can(session, 'api_keys:manage');
  const mayMembers = can(session, 'members:manage');
  return (
    <>
      <Title text={t.title} />
      {mayKeys ? <ApiKeys /> : <p class="muted">{en.common.notAllowed('api_keys:manage')}</p>}
      {mayMembers ? <Members selfId={session.member.id} /> : <p class="muted">{en.common.notAllowed('members:manage')}</p>}
    </>
  );
}

function ApiKeys() {
  const keys = useLoad(async () => unwrap(await api.GET('/api-keys')).data, []);
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<string | undefined>();

  const create = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setError(undefined);
    setSecret(undefined);
    try {
      const created = unwrap(await api.POST('/api-keys', { body: { name: formText(form, 'name').trim(), mode: formText(form, 'mode') as 'live' | 'test', permissions: form.getAll('permissions') as Permission[] } }));
      setSecret(created.secret);
      formElement.reset();
      keys.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const revoke = async (keyId: string, name: string) => {
    if (!confirm(t.revokeConfirm(name))) return;
    setError(undefined);
    try {
      unwrap(await api.DELETE('/api-keys/{keyId}', { params: { path: { keyId } } }));
      keys.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="api-keys">
      <h2 id="api-keys">{t.keys}</h2>
      <ErrorNotice error={keys.error ?? error} />
      {keys.data === undefined ? <p role="status">{en.app.loading}</p> : (
        <TableScroll label={t.keysTable}>
          <table>
            <caption>{t.keysTable}</caption>
            <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.prefix}</th><th scope="col">{t.mode}</th><th scope="col">{t.permissions}</th><th scope="col">{t.lastUsed}</th><th scope="col">{t.revoke}</th></tr></thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td><code>{key.displayPrefix}</code></td>
                  <td>{key.mode}</td>
                  <td>{key.type === 'secret' ? key.type : key.permissions.join(', ')}</td>
                  <td>{key.lastUsedAt === undefined ? t.never : <time dateTime={key.lastUsedAt}>{new Date(key.lastUsedAt).toLocaleString()}</time>}</td>
                  <td>{key.revokedAt !== undefined ? t.revoked : (
                    <button type="button" class="danger" aria-label={t.revokeKey(key.name)} onClick={() => void revoke(key.id, key.name)}>{t.revoke}</button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div class="card">
        <h3>{t.createKey}</h3>
        <form class="stack" onSubmit={(event) => void create(event)}>
          <label>{t.name}<input name="name" required maxLength={100} autocomplete="off" /></label>
          <label>{t.mode}
            <select name="mode" aria-label={t.mode}><option value="live">live</option><option value="test">test</option></select>
          </label>
          <fieldset class="stack">
            <legend>{t.permissions}</legend>
            {PERMISSIONS.map((permission) => (
              <label class="inline" key={permission}><input type="checkbox" name="permissions" value={permission} /><code>{permission}</code></label>
            ))}
          </fieldset>
          <p><button type="submit" class="primary">{t.createKeySubmit}</button></p>
        </form>
        {secret === undefined ? null : <SecretOnce label={t.newSecret} value={secret} />}
      </div>
    </section>
  );
}

function Members({ selfId }: { readonly selfId: string }) {
  const members = useLoad(async () => unwrap(await api.GET('/members')).data, []);
  // The instances a new member may be limited to (issue 24); none ticked: the whole workspace.
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);
  const [error, setError] = useState<unknown>();
  const [link, setLink] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const act = async (action: () => Promise<string | undefined>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
      members.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const invite = (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setLink(undefined);
    void act(async () => {
      const programInstanceIds = form.getAll('programInstanceIds').map(String);
      const scope = programInstanceIds.length === 0 ? {} : { programInstanceIds };
      const invited = unwrap(await api.POST('/members', { body: { email: formText(form, 'email').trim(), role: formText(form, 'role') as Role, ...scope } }));
      setLink(invited.invitationUrl);
      formElement.reset();
      return undefined;
    });
  };

  return (
    <section aria-labelledby="members">
      <h2 id="members">{t.members}</h2>
      <ErrorNotice error={members.error ?? error} />
      {notice === undefined ? null : <p class="notice notice-ok" role="status">{notice}</p>}
      {members.data === undefined ? <p role="status">{en.app.loading}</p> : (
        <TableScroll label={t.membersTable}>
          <table>
            <caption>{t.membersTable}</caption>
            <thead><tr><th scope="col">{t.email}</th><th scope="col">{t.status}</th><th scope="col">{t.role}</th><th scope="col">{t.memberInstances}</th><th scope="col">{t.remove}</th></tr></thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.email} {member.id === selfId ? t.you : ''}</th>
                  <td>{member.status}</td>
                  <td>
                    <select aria-label={t.roleOf(member.email)} value={member.role} disabled={member.id === selfId}
                      onChange={(event) => {
                        const role = event.currentTarget.value as Role;
                        void act(async () => {
                          unwrap(await api.PATCH('/members/{memberId}', { params: { path: { memberId: member.id } }, body: { role } }));
                          return t.roleChanged(member.email, role);
                        });
                      }}>
                      {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
                    </select>
                  </td>
                  <td>
                    {member.id === selfId ? scopeText(member.programInstanceIds) : (
                      <MemberInstances member={member} instances={instances.data ?? []} onChanged={(changed) => {
                        setError(undefined);
                        setNotice(changed);
                        members.reload();
                      }} />
                    )}
                  </td>
                  <td>
                    {member.id === selfId ? null : (
                      <button type="button" class="danger" aria-label={t.removeMember(member.email)} onClick={() => confirm(t.removeConfirm(member.email)) && void act(async () => {
                        unwrap(await api.DELETE('/members/{memberId}', { params: { path: { memberId: member.id } } }));
                        return undefined;
                      })}>{t.remove}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div class="card">
        <h3>{t.invite}</h3>
        <form class="stack" onSubmit={invite}>
          <label>{t.email}<input name="email" type="email" required maxLength={254} autocomplete="off" /></label>
          <label>{t.role}
            <select name="role" aria-label={t.role}>{ROLES.map((role) => <option key={role} value={role}>{role}</option>)}</select>
          </label>
          <fieldset>
            <legend>{t.memberInstances}</legend>
            <p class="muted">{t.memberInstancesHelp}</p>
            {(instances.data ?? []).map((instance) => (
              <label key={instance.id}><input type="checkbox" name="programInstanceIds" value={instance.id} /> {instance.name}</label>
            ))}
          </fieldset>
          <p><button type="submit" class="primary">{t.inviteSubmit}</button></p>
        </form>
        {link === undefined ? null : <><SecretOnce label={t.invitationLink} value={link} /><p>{t.invitationHelp}</p></>}
      </div>
    </section>
  );
}
