/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Policies are registered here by name and lazily imported, so that
| controllers can call ctx.bouncer.with('PartnerPolicy').
|
*/
export const policies = {}
