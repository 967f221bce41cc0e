import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'back_office.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'contact.store': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'services.index': { paramsTuple?: []; params?: {} }
    'back_office.items.index': { paramsTuple?: []; params?: {} }
    'back_office.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.create': { paramsTuple?: []; params?: {} }
    'captcha.show': { paramsTuple?: []; params?: {} }
    'mailbox.index': { paramsTuple?: []; params?: {} }
    'mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'back_office.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contact.store': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}