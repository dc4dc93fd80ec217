// The routing module's public surface: where a warning goes (the registry grid's station, the phone's home area,
// the reporting branch's area — routing.ts, pure; db.ts over the database), and the area lookups (routing_areas).
export { routeWarning, tablePorts, type RouteResult, type RoutingPorts } from './routing.ts';
export {
  dbRoutingPorts,
  explainRoute,
  phoneHomeAreas,
  routeExplanation,
  routeSubjectToStation,
  stationsAbove,
} from './db.ts';
export { areaFor, putArea } from './db.ts';
