/*
| Routes of the workflow capability (imported by start/routes.ts).
*/
export {}
