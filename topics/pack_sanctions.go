package topics

func sanctionsPack() Spec {
	return Spec{
		ID:   "sanctions",
		Name: "Sanctions and embargoes",
		Any: Terms(
			// English (and French): the plural noun; the verb "sanction"
			// also means "approve".
			"sanctions", "sanctioned entit*", "sanctioned individual*", "sanctioned Russia*",
			"sanctioned oligarch*", "arms embargo*", "oil embargo*", "trade embargo*",
			"embargo on", "embargo against", "asset freeze*", "oil price cap*", "OFAC",
			// Russian.
			"санкци*", "антисанкц*", "контрсанкц*", "эмбарго", "потол* цен*",
			// Ukrainian.
			"санкці*", "ембарго",
			// Chinese and Japanese.
			"制裁", "禁运", "禁運", "禁輸",
			// Korean.
			"제재", "금수조치",
			// Arabic: not قانون العقوبات, the penal code.
			"عقوبات*", "العقوبات*", "بعقوبات*", "والعقوبات*",
			// Persian.
			"تحریم*",
			// Urdu: پابندی alone is any ban.
			"اقتصادی پابندی*", "امریکی پابندی*", "بین الاقوامی پابندی*", "عالمی پابندی*",
			// French.
			"gel des avoirs", "embargo sur",
			// German: Sanktionen also cut welfare benefits.
			"Sanktion*", "Ölembargo*", "Waffenembargo*", "Gasembargo*", "Handelsembargo*",
			// Spanish: not "sin embargo" ("however").
			"sanciones", "embargo petrolero", "embargo de armas", "embargo comercial",
			// Portuguese: not sancionar, "to sign a law".
			"sanções",
			// Italian.
			"sanzioni", "embargo petrolifero",
			// Turkish.
			"yaptırım*", "ambargo*",
			// Hindi: प्रतिबंध alone is any ban.
			"आर्थिक प्रतिबंध*", "अमेरिकी प्रतिबंध*", "अंतरराष्ट्रीय प्रतिबंध*",
		),
		None: Terms(
			"قانون العقوبات",
			"Bürgergeld*", "Jobcenter*", "Hartz*", "Grundsicherung*",
			"제재소",
		),
	}
}
