import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Unit } from '../../../../../contract/access.ts';
import { unitsApi } from '../../../api/endpoints.ts';
import { buildUnitTree, toTreeData } from './tree.ts';

/** The units the user may see, as a flat list, a map and a tree, with a reload. */
export function useUnits(enabled = true) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const res = await unitsApi.list();
      setUnits(res.items);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  return { units, byId, tree, treeData, loading, error, reload };
}
