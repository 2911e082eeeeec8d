package topics

func earthquakesPack() packDef {
	// Words near which a tremor or a magnitude is an earthquake's.
	seismic := []string{"earthquake*", "quake*", "seismic", "epicent*", "Richter", "tsunami*", "USGS", "magnitude"}
	return packDef{
		id:   "earthquakes",
		name: "Earthquakes and tsunamis",
		concepts: []Concept{
			subject("earthquake", "earthquake",
				// Not the video game Quake, nor the Quakers.
				en("earthquake*", guarded("quake*", Guard{
					NotIn:   []string{"Quake II", "Quake III", "Quake 2", "Quake 3", "Quake 4", "Quake Live", "Quake Wars", "Quake Champions", "Quake Arena", "Quaker*"},
					NotNear: []string{"game*", "shooter*", "remaster*", "id Software", "Steam", "console*", "multiplayer", "anti-cheat", "esports"},
				}), "Richter scale", "seismic event*",
					guarded("tremor*", Guard{Near: seismic})),
				fr("séisme*", "tremblement* de terre", "secousse* sismique*"),
				de("Erdbeben*", "Seebeben*", "Erdstoß*"),
				es("terremoto*", "sismo*", "seísmo*", "sisma"),
				pt("abalo* sísmico*", "tremor* de terra", "terremoto*", "sismo*"),
				it("terremoto*", "sisma", "scoss* sismic*"),
				tr("deprem*"),
				ru("землетрясени*", "подземн* толч*"),
				uk("землетрус*", "підземн* поштовх*"),
				// 地震 is Chinese and Japanese.
				// Not 人工地震, an explosion's tremor.
				zh(guarded("地震", Guard{NotIn: []string{"人工地震"}}), "强震", "強震", "震级", "震級", "震中"),
				ja("震度", "震源"),
				ko(guarded("지진", Guard{NotIn: []string{"인공지진"}}), "진원"),
				ar("زلزال*", "الزلزال*", "زلازل", "هزة أرضية", "هزات أرضية", "الهزة الأرضية"),
				// Persian (زلزله), and Urdu.
				fa("زلزل*", "زمین‌لرزه*"),
				ur("زلزلہ", "زلزلے", "زلزلے کے جھٹکے"),
				hi("भूकंप*", "भूचाल"),
			),
			subject("aftershock", "aftershock",
				en("aftershock*"),
				fr("réplique* sismique*"),
				de("Nachbeben*"),
				es("réplica* sísmica*"),
				tr("artçı sarsıntı*"),
				ru("афтершок*"),
				uk("афтершок*"),
				zh("余震", "餘震"),
				ja("余震"),
				ko(guarded("여진", Guard{Near: []string{"지진*", "규모*"}})),
			),
			subject("tsunami", "tsunami",
				en("tsunami warning*", "tsunami alert*", "tsunami advisor*"),
				de("Tsunami-Warnung*", "Tsunamiwarnung*"),
				ru("угроз* цунами", "предупреждени* о цунами"),
				ja("津波"),
				zh(guarded("海啸", Guard{NotIn: []string{"金融海啸"}}), guarded("海嘯", Guard{NotIn: []string{"金融海嘯"}})),
				ko("쓰나미", "지진해일"),
			),
		},
		none: Terms(
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
