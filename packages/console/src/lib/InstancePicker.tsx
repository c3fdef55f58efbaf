import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { en } from '../messages/en';
import { ErrorNotice } from './ErrorNotice';
import { navigate, type Place } from './router';
import { useLoad } from './useLoad';

/**
 * The program instance a screen works on, kept in the URL (`?instance=`) so the view can be shared; without one, the
 * workspace's first instance (replacing the URL, so Back does not loop). Renders the chooser; answers the id.
 */
export function useInstanceChoice(place: Place): { instanceId: string | undefined; picker: JSX.Element } {
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);
  const instanceId = place.query.get('instance') ?? undefined;
  useEffect(() => {
    const first = instances.data?.[0];
    if (instanceId === undefined && first !== undefined) navigate(`${place.path}?instance=${encodeURIComponent(first.id)}`, { replace: true });
  }, [instanceId, instances.data]);
  const picker = (
    <div class="filters">
      <ErrorNotice error={instances.error} />
      {instances.data?.length === 0 ? <p>{en.common.noInstances}</p> : (
        <label>
          {en.common.instance}
          <select aria-label={en.common.instance} value={instanceId ?? ''} onChange={(event) => navigate(`${place.path}?instance=${encodeURIComponent(event.currentTarget.value)}`)}>
            {instanceId === undefined ? <option value="">{en.common.chooseInstance}</option> : null}
            {(instances.data ?? []).map((instance) => <option key={instance.id} value={instance.id}>{instance.name}</option>)}
          </select>
        </label>
      )}
    </div>
  );
  return { instanceId, picker };
}
