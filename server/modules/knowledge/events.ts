// What the knowledge base publishes: a version became the published one. Every node reloads its in-memory copy
// of the published knowledge (`on`), so the next call or SMS speaks the new text.
export interface KnowledgePublished {
  code: string;
  version: number;
  id: number;
}

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'knowledge.published': KnowledgePublished;
  }
}
