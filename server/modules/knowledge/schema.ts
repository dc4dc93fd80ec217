import { sql } from 'drizzle-orm';
import type { KbContent } from '../../../contract/knowledge.ts';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The knowledge base (反诈知识库) as versioned data: one row per version of an entry (a fraud type and everything
// the centre says about it). Nothing is overwritten: an edit is a new draft version; publishing marks the
// previous published version superseded. At most one published and one open (draft / in review) version per code.
export const kbVersions = pgTable(
  'kb_versions',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    /** 'draft' | 'in_review' | 'published' | 'superseded' */
    status: text('status').notNull(),
    content: jsonb('content').$type<KbContent>().notNull(),
    /** jieba search-mode tokens of the whole content joined by spaces: to_tsvector('simple', …) indexes them */
    searchTokens: text('search_tokens').notNull(),
    basedOn: integer('based_on'),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewerId: text('reviewer_id'),
    reviewerName: text('reviewer_name'),
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('kb_versions_code_version').on(t.code, t.version),
    uniqueIndex('kb_versions_one_published')
      .on(t.code)
      .where(sql`status = 'published'`),
    uniqueIndex('kb_versions_one_open')
      .on(t.code)
      .where(sql`status in ('draft', 'in_review')`),
    index('kb_versions_search').using('gin', sql`to_tsvector('simple', ${t.searchTokens})`),
  ],
);
