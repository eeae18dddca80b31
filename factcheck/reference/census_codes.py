"""US Census Bureau Schedule C country codes (the `cty_code` of its country trade files) → ISO3.

Made once from the names in census-country-trade/derived_census_country_annual_1985_2024.csv,
resolved with factcheck.countries and checked by hand (St → Saint, Congo (Brazzaville) = COG,
Korea, North = PRK, historical states SUN, CSK, YUG, SCG, ANT). Left out: the aggregates (codes
starting 00, except 0015 = World, not seasonally adjusted), "Gaza Strip" and "West Bank"
(Census splits the Palestinian territories in two; neither is PSE as a whole), the Iraq-Saudi
Arabia Neutral Zone, "Unidentified Countries" and "International Organizations".
"""

CENSUS_WORLD = "0015"  # World, not seasonally adjusted (0004 is seasonally adjusted: not the published totals)

CENSUS_TO_ISO3 = {
    "1010": "GRL",  # Greenland
    "1220": "CAN",  # Canada
    "1610": "SPM",  # St Pierre and Miquelon
    "2010": "MEX",  # Mexico
    "2050": "GTM",  # Guatemala
    "2080": "BLZ",  # Belize
    "2110": "SLV",  # El Salvador
    "2150": "HND",  # Honduras
    "2190": "NIC",  # Nicaragua
    "2230": "CRI",  # Costa Rica
    "2250": "PAN",  # Panama
    "2320": "BMU",  # Bermuda
    "2360": "BHS",  # Bahamas
    "2390": "CUB",  # Cuba
    "2410": "JAM",  # Jamaica
    "2430": "TCA",  # Turks and Caicos Islands
    "2440": "CYM",  # Cayman Islands
    "2450": "HTI",  # Haiti
    "2470": "DOM",  # Dominican Republic
    "2481": "AIA",  # Anguilla
    "2482": "VGB",  # British Virgin Islands
    "2483": "KNA",  # St Kitts and Nevis
    "2484": "ATG",  # Antigua and Barbuda
    "2485": "MSR",  # Montserrat
    "2486": "DMA",  # Dominica
    "2487": "LCA",  # St Lucia
    "2488": "VCT",  # St Vincent and the Grenadines
    "2489": "GRD",  # Grenada
    "2720": "BRB",  # Barbados
    "2740": "TTO",  # Trinidad and Tobago
    "2771": "ANT",  # Netherlands Antilles
    "2774": "SXM",  # Sint Maarten
    "2777": "CUW",  # Curacao
    "2779": "ABW",  # Aruba
    "2831": "GLP",  # Guadeloupe
    "2839": "MTQ",  # Martinique
    "3010": "COL",  # Colombia
    "3070": "VEN",  # Venezuela
    "3120": "GUY",  # Guyana
    "3150": "SUR",  # Suriname
    "3170": "GUF",  # French Guiana
    "3310": "ECU",  # Ecuador
    "3330": "PER",  # Peru
    "3350": "BOL",  # Bolivia
    "3370": "CHL",  # Chile
    "3510": "BRA",  # Brazil
    "3530": "PRY",  # Paraguay
    "3550": "URY",  # Uruguay
    "3570": "ARG",  # Argentina
    "3720": "FLK",  # Falkland Islands(Islas Malvin
    "4000": "ISL",  # Iceland
    "4010": "SWE",  # Sweden
    "4031": "SJM",  # Svalbard, Jan Mayen Island
    "4039": "NOR",  # Norway
    "4050": "FIN",  # Finland
    "4091": "FRO",  # Faroe Islands
    "4099": "DNK",  # Denmark
    "4120": "GBR",  # United Kingdom
    "4190": "IRL",  # Ireland
    "4210": "NLD",  # Netherlands
    "4231": "BEL",  # Belgium
    "4239": "LUX",  # Luxembourg
    "4271": "AND",  # Andorra
    "4272": "MCO",  # Monaco
    "4279": "FRA",  # France
    "4280": "DEU",  # Germany
    "4330": "AUT",  # Austria
    "4350": "CSK",  # Czechoslovakia
    "4351": "CZE",  # Czech Republic
    "4359": "SVK",  # Slovakia
    "4370": "HUN",  # Hungary
    "4411": "LIE",  # Liechtenstein
    "4419": "CHE",  # Switzerland
    "4470": "EST",  # Estonia
    "4490": "LVA",  # Latvia
    "4510": "LTU",  # Lithuania
    "4550": "POL",  # Poland
    "4610": "SUN",  # USSR
    "4621": "RUS",  # Russia
    "4622": "BLR",  # Belarus
    "4623": "UKR",  # Ukraine
    "4631": "ARM",  # Armenia
    "4632": "AZE",  # Azerbaijan
    "4633": "GEO",  # Georgia
    "4634": "KAZ",  # Kazakhstan
    "4635": "KGZ",  # Kyrgyzstan
    "4641": "MDA",  # Moldova
    "4642": "TJK",  # Tajikistan
    "4643": "TKM",  # Turkmenistan
    "4644": "UZB",  # Uzbekistan
    "4700": "ESP",  # Spain
    "4710": "PRT",  # Portugal
    "4720": "GIB",  # Gibraltar
    "4730": "MLT",  # Malta
    "4751": "SMR",  # San Marino
    "4752": "VAT",  # Vatican City
    "4759": "ITA",  # Italy
    "4790": "YUG",  # Yugoslavia (former)
    "4791": "HRV",  # Croatia
    "4792": "SVN",  # Slovenia
    "4793": "BIH",  # Bosnia and Herzegovina
    "4794": "MKD",  # Macedonia
    "4799": "SCG",  # Serbia and Montenegro
    "4801": "SRB",  # Serbia
    "4802": "SRB",  # Serbia
    "4803": "XKX",  # Kosovo
    "4804": "MNE",  # Montenegro
    "4810": "ALB",  # Albania
    "4840": "GRC",  # Greece
    "4850": "ROU",  # Romania
    "4870": "BGR",  # Bulgaria
    "4890": "TUR",  # Turkey
    "4910": "CYP",  # Cyprus
    "5020": "SYR",  # Syria
    "5040": "LBN",  # Lebanon
    "5050": "IRQ",  # Iraq
    "5070": "IRN",  # Iran
    "5080": "ISR",  # Israel
    "5081": "ISR",  # Israel
    "5110": "JOR",  # Jordan
    "5130": "KWT",  # Kuwait
    "5170": "SAU",  # Saudi Arabia
    "5180": "QAT",  # Qatar
    "5200": "ARE",  # United Arab Emirates
    "5210": "YEM",  # Republic of Yemen
    "5230": "OMN",  # Oman
    "5250": "BHR",  # Bahrain
    "5310": "AFG",  # Afghanistan
    "5330": "IND",  # India
    "5350": "PAK",  # Pakistan
    "5360": "NPL",  # Nepal
    "5380": "BGD",  # Bangladesh
    "5420": "LKA",  # Sri Lanka
    "5460": "MMR",  # Burma
    "5490": "THA",  # Thailand
    "5520": "VNM",  # Vietnam
    "5530": "LAO",  # Laos
    "5550": "KHM",  # Cambodia
    "5570": "MYS",  # Malaysia
    "5590": "SGP",  # Singapore
    "5600": "IDN",  # Indonesia
    "5601": "TLS",  # East Timor
    "5610": "BRN",  # Brunei
    "5650": "PHL",  # Philippines
    "5660": "MAC",  # Macau
    "5682": "BTN",  # Bhutan
    "5683": "MDV",  # Maldives
    "5700": "CHN",  # China
    "5740": "MNG",  # Mongolia
    "5790": "PRK",  # Korea, North
    "5800": "KOR",  # Korea, South
    "5820": "HKG",  # Hong Kong
    "5830": "TWN",  # Taiwan
    "5880": "JPN",  # Japan
    "6021": "AUS",  # Australia
    "6022": "NFK",  # Norfolk Island
    "6023": "CCK",  # Cocos (Keeling) Islands
    "6024": "CXR",  # Christmas Island
    "6029": "HMD",  # Heard and McDonald Islands
    "6040": "PNG",  # Papua New Guinea
    "6141": "NZL",  # New Zealand
    "6142": "COK",  # Cook Islands
    "6143": "TKL",  # Tokelau
    "6144": "NIU",  # Niue
    "6150": "WSM",  # Samoa
    "6223": "SLB",  # Solomon Islands
    "6224": "VUT",  # Vanuatu
    "6225": "PCN",  # Pitcairn Islands
    "6226": "KIR",  # Kiribati
    "6227": "TUV",  # Tuvalu
    "6412": "NCL",  # New Caledonia
    "6413": "WLF",  # Wallis and Futuna
    "6414": "PYF",  # French Polynesia
    "6810": "MHL",  # Marshall Islands
    "6820": "FSM",  # Micronesia
    "6830": "PLW",  # Palau
    "6862": "NRU",  # Nauru
    "6863": "FJI",  # Fiji
    "6864": "TON",  # Tonga
    "7140": "MAR",  # Morocco
    "7210": "DZA",  # Algeria
    "7230": "TUN",  # Tunisia
    "7250": "LBY",  # Libya
    "7290": "EGY",  # Egypt
    "7320": "SDN",  # Sudan
    "7321": "SDN",  # Sudan
    "7323": "SSD",  # South Sudan
    "7370": "ESH",  # Western Sahara
    "7380": "GNQ",  # Equatorial Guinea
    "7410": "MRT",  # Mauritania
    "7420": "CMR",  # Cameroon
    "7440": "SEN",  # Senegal
    "7450": "MLI",  # Mali
    "7460": "GIN",  # Guinea
    "7470": "SLE",  # Sierra Leone
    "7480": "CIV",  # Cote d'Ivoire
    "7490": "GHA",  # Ghana
    "7500": "GMB",  # Gambia
    "7510": "NER",  # Niger
    "7520": "TGO",  # Togo
    "7530": "NGA",  # Nigeria
    "7540": "CAF",  # Central African Republic
    "7550": "GAB",  # Gabon
    "7560": "TCD",  # Chad
    "7580": "SHN",  # St Helena
    "7600": "BFA",  # Burkina Faso
    "7610": "BEN",  # Benin
    "7620": "AGO",  # Angola
    "7630": "COG",  # Congo (Brazzaville)
    "7642": "GNB",  # Guinea-Bissau
    "7643": "CPV",  # Cabo Verde
    "7644": "STP",  # Sao Tome and Principe
    "7650": "LBR",  # Liberia
    "7660": "COD",  # Congo (Kinshasa)
    "7670": "BDI",  # Burundi
    "7690": "RWA",  # Rwanda
    "7700": "SOM",  # Somalia
    "7740": "ETH",  # Ethiopia
    "7741": "ERI",  # Eritrea
    "7749": "ETH",  # Ethiopia
    "7770": "DJI",  # Djibouti
    "7780": "UGA",  # Uganda
    "7790": "KEN",  # Kenya
    "7800": "SYC",  # Seychelles
    "7810": "IOT",  # British Indian Ocean Terr.
    "7830": "TZA",  # Tanzania
    "7850": "MUS",  # Mauritius
    "7870": "MOZ",  # Mozambique
    "7880": "MDG",  # Madagascar
    "7881": "MYT",  # Mayotte
    "7890": "COM",  # Comoros
    "7904": "REU",  # Reunion
    "7905": "ATF",  # French Southern and Antarctic
    "7910": "ZAF",  # South Africa
    "7920": "NAM",  # Namibia
    "7930": "BWA",  # Botswana
    "7940": "ZMB",  # Zambia
    "7950": "SWZ",  # Eswatini
    "7960": "ZWE",  # Zimbabwe
    "7970": "MWI",  # Malawi
    "7990": "LSO",  # Lesotho
}
