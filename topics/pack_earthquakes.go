package topics

func earthquakesPack() Spec {
	return Spec{
		ID:   "earthquakes",
		Name: "Earthquakes and tsunamis",
		Any: Terms(
			// English.
			"earthquake*", "quake*", "aftershock*", "tsunami warning*", "tsunami alert*",
			"Richter scale",
			// French.
			"séisme*", "tremblement* de terre", "secousse* sismique*",
			// German.
			"Erdbeben*", "Nachbeben*", "Seebeben*",
			// Spanish, Italian, Portuguese.
			"terremoto*", "sismo*", "seísmo*", "sisma", "scoss* sismic*", "abalo* sísmico*",
			"tremor* de terra",
			// Turkish.
			"deprem*", "artçı sarsıntı*",
			// Russian.
			"землетрясени*", "подземн* толч*", "афтершок*",
			// Ukrainian.
			"землетрус*", "підземн* поштовх*",
			// Chinese and Japanese (地震 is both).
			"地震", "强震", "強震", "余震", "餘震", "震级", "震級",
			// Japanese.
			"震度", "震源", "津波",
			// Korean.
			"지진", "쓰나미",
			// Arabic.
			"زلزال*", "الزلزال*", "زلازل", "هزة أرضية", "هزات أرضية", "الهزة الأرضية",
			// Persian and Urdu (زلزله, زلزلہ, زلزلے).
			"زلزل*", "زمین‌لرزه*",
			// Hindi.
			"भूकंप*", "भूचाल",
		),
		None: Terms(
			// Figurative uses.
			"verdadero terremoto", "auténtico terremoto", "vero terremoto", "terremoto politico",
			"terremoto político", "verdadeiro terremoto",
			"political earthquake*", "politisches Erdbeben", "séisme politique", "политическое землетрясение",
			// Drills and games.
			"earthquake drill*", "Erdbebenübung*", "exercice de séisme", "simulacro de terremoto*",
			"deprem tatbikat*", "учени* по землетрясени*", "地震演習", "防災訓練", "地震演练", "지진 대피 훈련",
			"video game*",
		),
	}
}
