package topics

func northKoreaPack() Spec {
	return Spec{
		ID:   "north-korea",
		Name: "North Korea",
		Any: Terms(
			// English.
			"North Korea*", "DPRK", "Pyongyang", "Kim Jong Un", "Kim Yo Jong", "Kim Jong Il",
			"Hwasong*", "Yongbyon", "Punggye*", "KCNA", "Korean Central News Agency",
			"Rodong Sinmun", "Kaesong",
			// French.
			"Corée du Nord", "nord-coréen*",
			// German.
			"Nordkorea*", "nordkoreanisch*", "Pjöngjang",
			// Spanish.
			"Corea del Norte", "norcorean*",
			// Portuguese.
			"Coreia do Norte", "norte-corean*",
			// Italian.
			"Corea del Nord", "nordcorean*", "nord-corean*",
			// Turkish.
			"Kuzey Kore*",
			// Russian.
			"КНДР", "Северн* Коре*", "Пхеньян*", "Ким Чен Ын*", "северокорейск*",
			// Ukrainian.
			"Північн* Коре*", "Кім Чен Ин*", "північнокорейськ*",
			// Chinese (simplified and traditional).
			"朝鲜", "朝鮮", "北韩", "北韓", "平壤", "金正恩",
			// Japanese.
			"北朝鮮", "平壌", "キム・ジョンウン",
			// Korean: particles attach (북한이, 북한의).
			"북한", "북핵", "조선민주주의인민공화국", "평양", "김정은",
			// Arabic.
			"كوريا الشمالية", "بيونغ يانغ", "كيم جونغ أون",
			// Persian.
			"کره شمالی", "پیونگ یانگ", "کیم جونگ اون",
			// Urdu.
			"شمالی کوریا", "پیانگ یانگ",
			// Hindi.
			"उत्तर कोरिया*", "प्योंगयांग", "किम जोंग उन",
		),
	}
}
