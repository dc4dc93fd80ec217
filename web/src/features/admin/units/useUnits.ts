import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../contract/access.ts';
import { unitsApi } from '../../../api/endpoints.ts';
import { buildUnitTree, toTreeData } from './tree.ts';

/** Query key of the unit list every page shares; a created or renamed unit invalidates it. */
export const UNITS_KEY = ['units', 'all'] as const;
const NONE: Unit[] = [];

/**
 * The units the user may see, as a flat list, a map and a tree, with a reload: one cached read shared by every
 * page that asks. Quiet on failure: the caller gets `error` and decides (a select without units still works).
 */
export function useUnits(enabled = true) {
  const query = useQuery({
    queryKey: UNITS_KEY,
    queryFn: () => unitsApi.list(),
    enabled,
    meta: { quiet: true },
  });
  const units = query.data?.items ?? NONE;
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  return { units, byId, tree, treeData, loading: query.isFetching, error: query.error, reload: query.refetch };
}
