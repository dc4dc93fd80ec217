import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/index.ts';
import { afterActionReviews, reviewActions } from './schema.ts';

// All SQL of the reviews module, on its own tables (+ units for scoping by path prefix).
export type ReviewRow = typeof afterActionReviews.$inferSelect & { unitName: string; unitPath: string };
export type ActionRow = typeof reviewActions.$inferSelect;

const cols = { r: afterActionReviews, unitName: units.name, unitPath: units.path };
const flat = (x: { r: typeof afterActionReviews.$inferSelect; unitName: string; unitPath: string }): ReviewRow => ({
  ...x.r,
  unitName: x.unitName,
  unitPath: x.unitPath,
});

export async function findReview(db: Db, id: string, lock = false): Promise<ReviewRow | undefined> {
  const q = db.select(cols).from(afterActionReviews).innerJoin(units, eq(units.id, afterActionReviews.unitId));
  const rows = await (lock
    ? q.where(eq(afterActionReviews.id, id)).for('update', { of: afterActionReviews })
    : q.where(eq(afterActionReviews.id, id)));
  return rows[0] ? flat(rows[0]) : undefined;
}

/** Serialises the openings of one subject's review (a person's and the system's), until the transaction ends. */
export async function lockSubject(db: Db, kind: string, id: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`reviews:${kind}:${id}`}))`);
}

export async function reviewOfSubject(db: Db, kind: string, id: string): Promise<string | undefined> {
  const r = await db
    .select({ id: afterActionReviews.id })
    .from(afterActionReviews)
    .where(and(eq(afterActionReviews.subjectKind, kind), eq(afterActionReviews.subjectId, id)));
  return r[0]?.id;
}

export async function listReviews(db: Db, pathPrefix: string, status?: string): Promise<ReviewRow[]> {
  const rows = await db
    .select(cols)
    .from(afterActionReviews)
    .innerJoin(units, eq(units.id, afterActionReviews.unitId))
    .where(and(like(units.path, `${pathPrefix}%`), status ? eq(afterActionReviews.status, status) : undefined))
    .orderBy(desc(afterActionReviews.createdAt))
    .limit(500);
  return rows.map(flat);
}

export const insertReview = async (db: Db, row: typeof afterActionReviews.$inferInsert) => {
  await db.insert(afterActionReviews).values(row);
};
export const updateReview = async (db: Db, id: string, set: Partial<typeof afterActionReviews.$inferInsert>) => {
  await db.update(afterActionReviews).set(set).where(eq(afterActionReviews.id, id));
};

/** Only a review without action items (their rows reference it): the withdrawal of an untouched automatic one. */
export const deleteReview = async (db: Db, id: string) => {
  await db.delete(afterActionReviews).where(eq(afterActionReviews.id, id));
};

export const actionsOf = (db: Db, reviewIds: string[]): Promise<ActionRow[]> =>
  reviewIds.length
    ? db
        .select()
        .from(reviewActions)
        .where(inArray(reviewActions.reviewId, reviewIds))
        .orderBy(asc(reviewActions.dueDate), asc(reviewActions.createdAt))
    : Promise.resolve([]);

export const insertAction = async (db: Db, row: typeof reviewActions.$inferInsert) => {
  await db.insert(reviewActions).values(row);
};
export const updateAction = async (db: Db, id: string, set: Partial<typeof reviewActions.$inferInsert>) => {
  await db.update(reviewActions).set(set).where(eq(reviewActions.id, id));
};

/** The action items of the reviews in a subtree (the board), by due date. */
export async function actionBoard(
  db: Db,
  pathPrefix: string,
  status?: string,
): Promise<(ActionRow & { reviewTitle: string; unitId: string; unitName: string })[]> {
  const rows = await db
    .select({
      a: reviewActions,
      reviewTitle: afterActionReviews.title,
      unitId: afterActionReviews.unitId,
      unitName: units.name,
    })
    .from(reviewActions)
    .innerJoin(afterActionReviews, eq(afterActionReviews.id, reviewActions.reviewId))
    .innerJoin(units, eq(units.id, afterActionReviews.unitId))
    .where(and(like(units.path, `${pathPrefix}%`), status ? eq(reviewActions.status, status) : undefined))
    .orderBy(asc(reviewActions.dueDate), asc(reviewActions.createdAt))
    .limit(1000);
  return rows.map((x) => ({ ...x.a, reviewTitle: x.reviewTitle, unitId: x.unitId, unitName: x.unitName }));
}

export const countAll = async (db: Db): Promise<number> =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(afterActionReviews))[0]?.n ?? 0);
