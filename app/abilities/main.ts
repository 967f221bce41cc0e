/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Simple abilities that are not attached to a resource. Resource rules live
| in app/policies.
|
*/
export {}
