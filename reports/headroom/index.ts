// Headroom as work: tasks left before a bar binds, from the bars now, their calibration and the recent tasks (pure, light:
// the status line loads it on every prompt).
export {
  type BarHeadroom,
  estimateHeadroom,
  type Headroom,
  type HeadroomBasis,
  type HeadroomInput,
  HISTORY_TASKS,
  RECENT_TASKS,
  reckonHeadroom,
  type Spread,
} from './estimate-headroom.js';
