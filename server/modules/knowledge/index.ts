// Knowledge base (反诈知识库): the public surface. Versioned entries per fraud type (review/publish, history,
// search), talking points by type × audience, and the published texts the dissuasion channels speak.
export { knowledgeRoutes } from './routes.ts';
export { talkingPointsFor, audienceOf, AUDIENCES, type Audience, type TalkingPoints } from './audiences.ts';
export {
  publishedKnowledge,
  loadPublishedKnowledge,
  syncPublishedKnowledge,
  type PublishedEntry,
} from './published.ts';
export { ensureKnowledgeSeeded } from './service.ts';
export { BUILTIN_SMS } from './seed.ts';
export { containsLink as kbContainsLink } from './content.ts';
export type { KnowledgePublished } from './events.ts';
export { publishedLabelTexts } from './label-texts.ts';
