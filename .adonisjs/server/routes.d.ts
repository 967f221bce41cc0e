import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'preinscription': { paramsTuple?: []; params?: {} }
    'workflow.start': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'workflow.start_with': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'workflow.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflow.send': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'event': ParamValue} }
    'workflow.personal_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'accounts.forgot_password.create': { paramsTuple?: []; params?: {} }
    'accounts.forgot_password.store': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.password.update': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'back_office.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'contact.store': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'administration.show': { paramsTuple?: []; params?: {} }
    'administration.partner.update': { paramsTuple?: []; params?: {} }
    'administration.address.update': { paramsTuple?: []; params?: {} }
    'administration.conventions.store': { paramsTuple?: []; params?: {} }
    'administration.users.store': { paramsTuple?: []; params?: {} }
    'administration.users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'administration.users.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.show': { paramsTuple?: []; params?: {} }
    'studio.reference_data.index': { paramsTuple?: []; params?: {} }
    'studio.reference_data.store': { paramsTuple: [ParamValue]; params: {'liste': ParamValue} }
    'studio.reference_data.update': { paramsTuple: [ParamValue,ParamValue]; params: {'liste': ParamValue,'id': ParamValue} }
    'studio.reference_data.status': { paramsTuple: [ParamValue,ParamValue]; params: {'liste': ParamValue,'id': ParamValue} }
    'studio.caisse_administrators.attach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.caisse_administrators.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.caisse_administrators.detach': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'studio.workflows.index': { paramsTuple?: []; params?: {} }
    'studio.comparisons.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.migrations.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.migrations.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.publish': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.import': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.draft': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.version': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'version': ParamValue} }
    'studio.form_fields.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.form_fields.update': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.form_fields.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.form_fields.move': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.permissions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.permissions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'role': ParamValue,'scope': ParamValue} }
    'studio.screens.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.mails.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.mails.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'template': ParamValue} }
    'studio.simulations.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.index': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.show': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'id': ParamValue} }
    'studio.scenarios.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'id': ParamValue} }
    'studio.states.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.states.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.states.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.transitions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.transitions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue} }
    'studio.transition_guards.update': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
    'studio.transition_guards.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
    'studio.transition_actions.store': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
    'studio.transition_actions.update': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue,'position': ParamValue} }
    'studio.transition_actions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue,'position': ParamValue} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'preinscription': { paramsTuple?: []; params?: {} }
    'workflow.start': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'workflow.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflow.personal_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'accounts.forgot_password.create': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'administration.show': { paramsTuple?: []; params?: {} }
    'studio.show': { paramsTuple?: []; params?: {} }
    'studio.reference_data.index': { paramsTuple?: []; params?: {} }
    'studio.workflows.index': { paramsTuple?: []; params?: {} }
    'studio.comparisons.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.migrations.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.draft': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.version': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'version': ParamValue} }
    'studio.scenarios.index': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.show': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'id': ParamValue} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'preinscription': { paramsTuple?: []; params?: {} }
    'workflow.start': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'workflow.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflow.personal_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'accounts.forgot_password.create': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'administration.show': { paramsTuple?: []; params?: {} }
    'studio.show': { paramsTuple?: []; params?: {} }
    'studio.reference_data.index': { paramsTuple?: []; params?: {} }
    'studio.workflows.index': { paramsTuple?: []; params?: {} }
    'studio.comparisons.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.migrations.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.show': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.draft': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.exports.version': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'version': ParamValue} }
    'studio.scenarios.index': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.show': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'id': ParamValue} }
  }
  POST: {
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'workflow.start_with': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'workflow.send': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'event': ParamValue} }
    'accounts.forgot_password.store': { paramsTuple?: []; params?: {} }
    'accounts.password.update': { paramsTuple?: []; params?: {} }
    'back_office.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.store': { paramsTuple?: []; params?: {} }
    'administration.conventions.store': { paramsTuple?: []; params?: {} }
    'administration.users.store': { paramsTuple?: []; params?: {} }
    'studio.reference_data.store': { paramsTuple: [ParamValue]; params: {'liste': ParamValue} }
    'studio.caisse_administrators.attach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.caisse_administrators.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.migrations.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.publish': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.drafts.import': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.form_fields.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.permissions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.mails.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.simulations.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.scenarios.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.states.store': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.transitions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.transition_actions.store': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
  }
  PUT: {
    'administration.partner.update': { paramsTuple?: []; params?: {} }
    'administration.address.update': { paramsTuple?: []; params?: {} }
    'administration.users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.reference_data.update': { paramsTuple: [ParamValue,ParamValue]; params: {'liste': ParamValue,'id': ParamValue} }
    'studio.reference_data.status': { paramsTuple: [ParamValue,ParamValue]; params: {'liste': ParamValue,'id': ParamValue} }
    'studio.form_fields.update': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.form_fields.move': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.screens.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.mails.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'template': ParamValue} }
    'studio.states.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue} }
    'studio.transition_guards.update': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
    'studio.transition_actions.update': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue,'position': ParamValue} }
  }
  DELETE: {
    'administration.users.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'studio.caisse_administrators.detach': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'studio.drafts.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'studio.form_fields.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'name': ParamValue} }
    'studio.permissions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'event': ParamValue,'role': ParamValue,'scope': ParamValue} }
    'studio.scenarios.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'id': ParamValue} }
    'studio.states.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue} }
    'studio.transitions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue} }
    'studio.transition_guards.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue} }
    'studio.transition_actions.destroy': { paramsTuple: [ParamValue,ParamValue,ParamValue,ParamValue,ParamValue]; params: {'key': ParamValue,'state': ParamValue,'event': ParamValue,'alternative': ParamValue,'position': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}