import { router } from '../trpc';
import { agentsRouter } from './agents';
import { auditRouter } from './audit';
import { bindingsRouter } from './bindings';
import { flowsRouter } from './flows';
import { me } from './me';
import { membersRouter } from './members';
import { promptsRouter } from './prompts';
import { queuesRouter } from './queues';
import { recordingsRouter } from './recordings';
import { schedulesRouter } from './schedules';
import { skillsRouter } from './skills';
import { trunksRouter } from './trunks';
import { versionsRouter } from './versions';

/** Everything the designer asks the server, one router per feature. */
export const appRouter = router({
  me,
  flows: flowsRouter,
  versions: versionsRouter,
  bindings: bindingsRouter,
  trunks: trunksRouter,
  queues: queuesRouter,
  agents: agentsRouter,
  skills: skillsRouter,
  schedules: schedulesRouter,
  prompts: promptsRouter,
  recordings: recordingsRouter,
  audit: auditRouter,
  members: membersRouter,
});

export type AppRouter = typeof appRouter;
