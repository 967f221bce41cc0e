/**
 * Real régimes, caisses and types (../shared/spec/reference-data.md). Analysts
 * edit these rows later; this file only gives a fresh database its start.
 */
export const REGIMES: Array<{
  code: string
  name: string
  caisses: Array<[code: string, name: string]>
}> = [
  {
    code: 'CNAV',
    name: 'CNAV – régime général',
    caisses: [
      ['CNAV-IDF', 'CNAV Île-de-France'],
      ['CARSAT-AM', 'CARSAT Alsace-Moselle'],
      ['CARSAT-AQ', 'CARSAT Aquitaine'],
      ['CARSAT-AU', 'CARSAT Auvergne'],
      ['CARSAT-BFC', 'CARSAT Bourgogne-Franche-Comté'],
      ['CARSAT-BR', 'CARSAT Bretagne'],
      ['CARSAT-CVL', 'CARSAT Centre-Val de Loire'],
      ['CARSAT-CO', 'CARSAT Centre-Ouest'],
      ['CARSAT-HDF', 'CARSAT Hauts-de-France'],
      ['CARSAT-LR', 'CARSAT Languedoc-Roussillon'],
      ['CARSAT-MP', 'CARSAT Midi-Pyrénées'],
      ['CARSAT-NO', 'CARSAT Normandie'],
      ['CARSAT-PL', 'CARSAT Pays de la Loire'],
      ['CARSAT-RA', 'CARSAT Rhône-Alpes'],
      ['CARSAT-SE', 'CARSAT Sud-Est'],
      ['CGSS-GP', 'CGSS Guadeloupe'],
      ['CGSS-MQ', 'CGSS Martinique'],
      ['CGSS-GF', 'CGSS Guyane'],
      ['CGSS-RE', 'CGSS La Réunion'],
      ['CSS-YT', 'CSS Mayotte'],
    ],
  },
  {
    code: 'MSA',
    name: 'MSA – Mutualité sociale agricole',
    caisses: [
      ['MSA-AN', 'MSA Alpes du Nord'],
      ['MSA-AL', 'MSA Alsace'],
      ['MSA-AR', 'MSA Armorique'],
      ['MSA-AU', 'MSA Auvergne'],
      ['MSA-BO', 'MSA Bourgogne'],
      ['MSA-GI', 'MSA Gironde'],
      ['MSA-GS', 'MSA Grand Sud'],
      ['MSA-IDF', 'MSA Île-de-France'],
      ['MSA-LO', 'MSA Lorraine'],
      ['MSA-NPC', 'MSA Nord-Pas de Calais'],
      ['MSA-PI', 'MSA Picardie'],
      ['MSA-PA', 'MSA Provence Azur'],
    ],
  },
  { code: 'SSI', name: 'SSI – Sécurité sociale pour les indépendants', caisses: [['SSI', 'SSI']] },
  { code: 'CNRACL', name: 'CNRACL', caisses: [['CNRACL', 'CNRACL']] },
  { code: 'DGAFP', name: 'DGAFP', caisses: [['FPE', 'FPE (Fonction publique d’État)']] },
  { code: 'CAVIMAC', name: 'CAVIMAC', caisses: [['CAVIMAC', 'CAVIMAC']] },
]

export const PARTNER_TYPES: Array<[code: string, label: string]> = [
  ['EVALUATION', 'Structure d’évaluation'],
  ['SAAD', 'Service d’aide et d’accompagnement à domicile (SAAD)'],
  ['PREVENTION', 'Prestataire d’actions collectives de prévention'],
  ['LIEU_DE_VIE', 'Lieu de vie collectif / résidence autonomie'],
]

export const CONVENTION_TYPES: Array<[code: string, label: string]> = [
  ['EVALUATION', 'Évaluation des besoins à domicile'],
  ['AIDE_DOMICILE', 'Aide à domicile'],
  ['PREVENTION', 'Actions collectives de prévention'],
  ['HABITAT', 'Aide à l’habitat'],
]
