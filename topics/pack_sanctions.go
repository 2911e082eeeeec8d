package topics

// Words near which the English verb "sanction" means penalising a state,
// a company or a person rather than approving something.
var sanctionContextEn = []string{
	"Treasury", "OFAC", "EU", "European Union", "UN", "United Nations", "Security Council", "Washington",
	"Britain", "British", "UK", "Russia*", "Iran*", "North Korea*", "Venezuela*", "Cuba*", "Syria*",
	"Belarus*", "oligarch*", "entit*", "individuals", "firms", "companies", "banks", "tanker*", "vessels",
	"officials", "network*",
}

// Sports bodies and their disciplinary words: near them "sanctions" are a
// penalty on a club or a player, not a state's measure.
var sportsSanction = []string{
	"FIFA", "UEFA", "NCAA", "IOC", "LFP", "FFF", "DFB", "DFL", "LaLiga", "league", "club", "clubs", "referee*",
	"disciplinary", "disciplinaire", "ФИФА", "УЕФА", "РФС", "КДК", "матч*", "чемпионат*", "Sportgericht*",
	"Comité de Competición", "partido",
}

// Words near which the European Union's "restrictive measures" are its
// sanctions, not a government's curbs on gatherings or prices.
var restrictiveContext = map[string][]string{
	"en": {"EU", "European Union", "Russia*", "Iran*", "Belarus*", "Syria*", "Venezuela*", "North Korea*", "against"},
	"fr": {"UE", "Union européenne", "Russie", "Iran", "Biélorussie", "Bélarus", "Syrie", "Venezuela", "Corée du Nord", "contre", "Vingt-Sept"},
	"es": {"UE", "Unión Europea", "Rusia", "Irán", "Bielorrusia", "Siria", "Venezuela", "Corea del Norte", "contra", "Veintisiete"},
	"de": {"EU", "Europäische Union", "Russland", "Iran", "Belarus", "Syrien", "Venezuela", "Nordkorea", "gegen"},
	"ru": {"ЕС", "Евросоюз*", "Европейск* союз*", "США", "Вашингтон*", "Запад*", "против"},
}

// Words near which a "price cap" is the cap on Russian oil.
var priceCapContext = map[string][]string{
	"en": {"oil", "crude", "Russian", "Russia*", "G7", "tanker*", "petroleum"},
	"ru": {"нефт*", "нефтепродукт*", "газ*", "российск*", "G7", "ЕС", "Евросоюз*", "семерк*", "двадцатк*"},
	"uk": {"нафт*", "нафтопродукт*", "газ*", "російськ*", "G7", "ЄС"},
	"de": {"Öl*", "russisch*", "G7", "Rohöl*"},
	"zh": {"石油", "原油", "俄罗斯", "俄羅斯", "俄油"},
	"ja": {"原油", "石油", "ロシア"},
	"ko": {"러시아*", "원유*", "유가*", "석유*", "G7*"},
	"fr": {"pétrole", "brut", "russe*", "Russie", "G7"},
	"es": {"petróleo", "crudo", "ruso*", "Rusia", "G7"},
	"it": {"petrolio", "greggio", "russo", "Russia", "G7"},
	"pt": {"petróleo", "russo", "Rússia", "G7"},
	"ar": {"النفط", "نفط", "الخام", "الروسي", "روسيا"},
}

// Words near which a "blacklist" is a government's list of sanctioned
// people and firms, and words of the lists that are not sanctions: the
// EU's list of tax havens and of unsafe airlines.
var (
	blacklistNear = map[string][]string{
		"en": {"Treasury", "OFAC", "Commerce Department", "State Department", "sanction*", "EU", "Washington"},
		"fr": {"Trésor", "Washington", "UE", "sanction*", "américain*", "Bruxelles"},
		"es": {"Tesoro", "OFAC", "Washington", "EEUU", "EE.UU.", "Estados Unidos", "UE", "sanci*"},
		"de": {"US-Finanzministerium", "Finanzministerium", "Washington", "USA", "EU", "Sanktion*"},
		"ru": {"Минфин*", "США", "Вашингтон*", "ЕС", "Евросоюз*", "санкц*", "OFAC"},
	}
	blacklistNotNear = []string{
		"tax haven*", "tax", "airline*", "paraíso* fiscal*", "aerolínea*", "paradis fiscaux", "fiscal*", "compagnies aériennes",
		"Steueroase*", "Steuer*", "Fluggesellschaft*", "офшор*", "налог*", "авиакомпани*",
	}
)

func sanctionsPack() packDef {
	return packDef{
		id:   "sanctions",
		name: "Sanctions and embargoes",
		concepts: []Concept{
			subject("sanctions", "sanctions",
				// English (and French): the plural noun; the verb also means
				// "approve", so it counts only beside who is penalised.
				en(guarded("sanctions", Guard{NotNear: sportsSanction, Window: 5}), "sanctioned entit*", "sanctioned individual*", "sanctioned Russia*",
					"sanctioned oligarch*", "OFAC",
					guarded("sanctioned", Guard{Near: sanctionContextEn, NotNear: []string{"law", "bill", "court", "league", "FIFA", "UEFA", "NCAA", "church", "officially"}, Window: 5}),
					guarded("sanctioning", Guard{Near: sanctionContextEn, Window: 5}),
					// Blacklisting by a government, not a website's or a
					// union's blacklist.
					guarded("blacklist*", Guard{Near: blacklistNear["en"], NotNear: blacklistNotNear, Window: 8}),
					"Magnitsky", "SDN list", "Specially Designated Nationals"),
				// The return of the UN's sanctions on Iran under the 2015
				// deal, not a cap.
				anyLang(guarded("snapback", Guard{Near: []string{"Iran*", "UN", "United Nations", "Tehran", "E3", "nuclear", "ONU", "Irán", "nucléaire"}, Window: 8})),
				de(guarded("Sanktion*", Guard{NotNear: sportsSanction, Window: 5}),
					guarded("schwarze Liste", Guard{Near: blacklistNear["de"], NotNear: blacklistNotNear, Window: 8})),
				fr(guarded("liste noire", Guard{Near: blacklistNear["fr"], NotNear: blacklistNotNear, Window: 8})),
				// Spanish: not "sin embargo" ("however").
				es(guarded("sanciones", Guard{NotNear: sportsSanction, Window: 5}),
					guarded("lista negra", Guard{Near: blacklistNear["es"], NotNear: blacklistNotNear, Window: 8})),
				// Portuguese: not sancionar, "to sign a law".
				pt("sanções"),
				it("sanzioni"),
				tr("yaptırım*"),
				ru(guarded("санкци*", Guard{NotNear: sportsSanction, Window: 5}), "антисанкц*", "контрсанкц*",
					guarded("черн* список*", Guard{Near: blacklistNear["ru"], NotNear: blacklistNotNear, Window: 8})),
				uk("санкці*"),
				zh("制裁"),
				ja("制裁"),
				// Alone or ending a compound (대북제재, 독자제재, 금융제재),
				// before particles; not 제재소, a sawmill, nor inside a
				// longer word (북한제재위원회 counts through its parts).
				// and not a sports body's penalty (제재금, a fine).
				ko(guarded("제재", Guard{Suffix: true, NotIn: []string{"제재소", "제재금"}, NotNear: []string{
					"KBO", "K리그", "프로야구", "프로축구", "프로농구", "연맹*", "상벌위원회*", "선수*", "구단*", "심판*",
				}, Window: 6})),
				// Arabic: not قانون العقوبات, the penal code.
				ar("عقوبات*", guarded("العقوبات*", Guard{NotIn: []string{"قانون العقوبات"}}), "بعقوبات*", "والعقوبات*"),
				fa("تحریم*"),
				// Urdu and Hindi: پابندی and प्रतिबंध alone are any ban.
				ur("اقتصادی پابندی*", "امریکی پابندی*", "بین الاقوامی پابندی*", "عالمی پابندی*"),
				hi("आर्थिक प्रतिबंध*", "अमेरिकी प्रतिबंध*", "अंतरराष्ट्रीय प्रतिबंध*"),
			),
			subject("embargo", "embargo",
				en("arms embargo*", "oil embargo*", "trade embargo*",
					// Not a press embargo on a report.
					guarded("embargo on", Guard{NotNear: []string{"press", "reporting", "report*", "publication", "publishers", "journalists", "news"}, Window: 5}),
					"embargo against"),
				fr("embargo sur", "embargo contre"),
				de("Ölembargo*", "Waffenembargo*", "Gasembargo*", "Handelsembargo*", "Embargo gegen"),
				// Not a court's "embargo de bienes" (a seizure), nor the
				// Portuguese "embargos de declaração" (an appeal).
				es("embargo petrolero", "embargo de armas", "embargo comercial", "embargo contra", "embargo estadounidense", "embargo económico"),
				pt("embargo econômico", "embargo comercial", "embargo de armas", "embargo contra", "embargo americano"),
				it("embargo petrolifero", "embargo sulle armi", "embargo contro"),
				ar("حظر الأسلحة", "حظر السلاح", "حظر نفطي", "حظر توريد الأسلحة"),
				tr("ambargo*"),
				ru("эмбарго"),
				uk("ембарго"),
				zh("禁运", "禁運"),
				ja("禁輸"),
				ko("금수조치", "금수 조치"),
			),
			// The European Union's own word for its sanctions.
			subject("restrictive-measures", "restrictive measures",
				en(guarded("restrictive measures", Guard{Near: restrictiveContext["en"], Window: 8})),
				fr(guarded("mesures restrictives", Guard{Near: restrictiveContext["fr"], Window: 8})),
				es(guarded("medidas restrictivas", Guard{Near: restrictiveContext["es"], Window: 8})),
				de(guarded("restriktive Maßnahmen", Guard{Near: restrictiveContext["de"], Window: 8})),
				ru(guarded("ограничительн* мер*", Guard{Near: restrictiveContext["ru"], Window: 8})),
			),
			// Tankers that carry a sanctioned country's oil past the
			// measures, and an oil blockade of a country.
			subject("sanctions-evasion", "shadow fleet and oil blockade",
				en("shadow fleet*", "dark fleet*", "oil blockade*"),
				de("Schattenflotte*", "Ölblockade*"),
				fr("flotte fantôme", "flotte de l'ombre", "blocus pétrolier"),
				es("flota fantasma", "flota en la sombra", "bloqueo petrolero", "bloqueo económico"),
				pt("frota fantasma", "frota sombra", "bloqueio econômico"),
				it("flotta ombra", "flotta fantasma"),
				ru("теневой флот*", "теневого флот*", "теневым флот*", "нефтян* блокад*"),
				uk("тіньов* флот*"),
				zh("影子舰队", "影子船队", "幽灵船队"),
				ja("影の船団", "影の艦隊"),
				ko("그림자 선단", "그림자선단", "그림자 함대", "세컨더리 보이콧", "세컨더리보이콧"),
			),
			subject("asset-freeze", "asset freeze",
				en("asset freeze*", "frozen assets", "froze* assets", "freez* assets", "assets frozen", "freez* the assets", "froze* the assets"),
				fr("gel des avoirs", "avoirs gelés", "gel* les avoirs", "gel* des avoirs"),
				de("eingefroren* Vermögen*", "Vermögenssperre*", "Vermögenswerte eingefroren", "Einfrieren von Vermögen*"),
				// Not a judge's freezing of a suspect's property ("bienes",
				// "bens", "beni"), which is a criminal measure.
				es("congelación de activos", "activos congelados", "congel* los activos"),
				pt("congelamento de ativos"),
				ar("تجميد أصول", "تجميد الأصول"),
				ru("заморозк* актив*", "заморожен* актив*"),
				uk("заморожен* актив*"),
				zh("冻结资产", "資產凍結", "资产冻结"),
				ja("資産凍結"),
				ko("자산 동결", "자산동결"),
			),
			subject("oil-price-cap", "oil price cap",
				en("oil price cap*", guarded("price cap*", Guard{Near: priceCapContext["en"]})),
				de("Ölpreisdeckel*", guarded("Preisdeckel*", Guard{Near: priceCapContext["de"]})),
				fr("plafonnement du prix du pétrole", "plafond de prix du pétrole",
					guarded("plafond* de prix", Guard{Near: priceCapContext["fr"], Window: 6}),
					guarded("prix plafond*", Guard{Near: priceCapContext["fr"], Window: 6})),
				es(guarded("tope al precio", Guard{Near: priceCapContext["es"], Window: 6}),
					guarded("precio máximo", Guard{Near: priceCapContext["es"], Window: 6}),
					guarded("límite de precio*", Guard{Near: priceCapContext["es"], Window: 6})),
				it(guarded("tetto al prezzo", Guard{Near: priceCapContext["it"], Window: 6})),
				pt(guarded("teto de preço*", Guard{Near: priceCapContext["pt"], Window: 6}),
					guarded("preço máximo", Guard{Near: priceCapContext["pt"], Window: 6})),
				ar(guarded("سقف سعر", Guard{Near: priceCapContext["ar"], Window: 6}),
					guarded("سقف الأسعار", Guard{Near: priceCapContext["ar"], Window: 6}),
					guarded("سقف لسعر", Guard{Near: priceCapContext["ar"], Window: 6})),
				ru(guarded("потол* цен*", Guard{Near: priceCapContext["ru"], Window: 5}),
					guarded("ценов* потол*", Guard{Near: priceCapContext["ru"], Window: 5}),
					guarded("предельн* цен*", Guard{Near: priceCapContext["ru"], Window: 5}),
					guarded("ценов* ограничени*", Guard{Near: priceCapContext["ru"], Window: 5}),
					guarded("ценов* лимит*", Guard{Near: priceCapContext["ru"], Window: 5}),
					guarded("потол* стоимост*", Guard{Near: priceCapContext["ru"], Window: 5}),
					"ограничени* цен* на российск* нефт*", "прайс-кэп*",
					// "the cap on Russian oil", without the word price.
					"потол* на российск* нефт*", "потол* для российск* нефт*", "потол* на нефт*"),
				uk(guarded("стел* цін*", Guard{Near: priceCapContext["uk"], Window: 5}),
					guarded("цінов* стел*", Guard{Near: priceCapContext["uk"], Window: 5})),
				zh(guarded("价格上限", Guard{Near: priceCapContext["zh"]}), guarded("限价", Guard{Near: priceCapContext["zh"]})),
				ja(guarded("価格上限", Guard{Near: priceCapContext["ja"]}), guarded("上限価格", Guard{Near: priceCapContext["ja"]})),
				ko(guarded("가격상한제", Guard{Near: priceCapContext["ko"]}), guarded("가격 상한제", Guard{Near: priceCapContext["ko"]}),
					guarded("가격 상한", Guard{Near: priceCapContext["ko"]})),
			),
		},
		none: Terms(
			// German welfare sanctions.
			"Bürgergeld*", "Jobcenter*", "Hartz*", "Grundsicherung*",
		),
	}
}
