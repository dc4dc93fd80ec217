/**
 * A user's search text as a literal inside a LIKE/ILIKE pattern: `%`, `_` and the escape character itself match
 * only themselves (PostgreSQL's default LIKE escape is the backslash). Without this, `?q=%` matched every row.
 */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Pattern for "contains `text`". */
export const containing = (text: string) => `%${likeLiteral(text)}%`;
