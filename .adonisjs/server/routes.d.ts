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
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'preinscription': { paramsTuple?: []; params?: {} }
    'workflow.start': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'workflow.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.forgot_password.create': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'administration.show': { paramsTuple?: []; params?: {} }
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'preinscription': { paramsTuple?: []; params?: {} }
    'workflow.start': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'workflow.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.forgot_password.create': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'administration.show': { paramsTuple?: []; params?: {} }
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
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
  }
  PUT: {
    'administration.partner.update': { paramsTuple?: []; params?: {} }
    'administration.address.update': { paramsTuple?: []; params?: {} }
    'administration.users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'administration.users.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}