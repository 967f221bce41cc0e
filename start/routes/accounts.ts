/*
| Routes of the accounts capability (imported by start/routes.ts).
*/
export {}
