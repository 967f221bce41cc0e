/*
| Routes of the partner administration (imported by start/routes.ts).
*/
export {}
