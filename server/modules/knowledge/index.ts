// Knowledge base (反诈知识库): the public surface. Today: talking points by fraud type and audience.
export { knowledgeRoutes } from './routes.ts';
export { talkingPointsFor, audienceOf, AUDIENCES, type Audience, type TalkingPoints } from './audiences.ts';
