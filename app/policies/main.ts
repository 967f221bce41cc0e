/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Policies are registered here by name and lazily imported, so that
| controllers can call ctx.bouncer.with('PartnerPolicy').
|
*/
export const policies = {
  WorkflowInstancePolicy: () => import('#policies/workflow_instance_policy'),
  PartnerPolicy: () => import('#policies/partner_policy'),
}
