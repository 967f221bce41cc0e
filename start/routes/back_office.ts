/*
| Routes of the back office capability (imported by start/routes.ts).
*/
export {}
