export { DatabaseAgentDirectory, DEFAULT_ALERT_TIMEOUT_SECONDS } from './db-directory';
export * from './ports';
export {
  DEFAULT_POLL_INTERVAL_MS,
  OFFER_GRACE_MS,
  SkillQueueRouter,
  type SkillQueueRouterOptions,
} from './router';
export { chooseAgent, offerable, proficiencyScore, qualifies, type SkillRequirement } from './selection';
export type { QueueCall } from './waiting-list';
