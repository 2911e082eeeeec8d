package topics

func iranNuclearPack() Spec {
	// Names of the programme that need no other mention of Iran.
	programme := []string{"JCPOA", "Natanz", "Fordow", "برجام", "伊核"}
	iran := append([]string{
		"Iran*", "Irán", "Irã", "Tehran", "Teheran", "Téhéran", "Teherán", "Teerã", "Tahran*",
		"Иран*", "Тегеран*", "Іран*",
		"伊朗", "イラン", "이란",
		"ایران*", "الإيراني*", "لإيران", "وإيران", "طهران", "تهران",
		"ईरान*",
	}, programme...)
	return Spec{
		ID:   "iran-nuclear",
		Name: "Iran's nuclear programme",
		Any: Terms(append([]string{
			// English, Spanish, Portuguese, Italian.
			"nuclear*", "uranium", "enrich*", "centrifuge*", "IAEA", "uranio", "urânio",
			"enriquecimiento", "enriquecimento", "arricchimento",
			// French.
			"nucléaire*", "enrichissement",
			// German.
			"nuklear*", "Atom*", "Urananreicherung*",
			// Russian and Ukrainian.
			"ядерн*", "обогащени*", "МАГАТЭ", "МАГАТЕ", "збагачен*",
			// Chinese and Japanese.
			"核协议", "核協議", "核问题", "核問題", "核计划", "核計劃", "核设施", "核設施",
			"浓缩铀", "濃縮鈾", "核谈判", "核談判", "核合意", "核開発", "ウラン濃縮", "核施設",
			"核交渉", "核兵器",
			// Korean.
			"핵합의", "핵 합의", "핵협상", "핵 협상", "핵개발", "핵 개발", "핵시설", "핵무기",
			"핵 프로그램", "핵프로그램", "우라늄",
			// Arabic.
			"نووي*", "النووي*", "تخصيب", "اليورانيوم",
			// Persian.
			"هسته‌ای", "غنی‌سازی", "اورانیوم",
			// Urdu.
			"جوہری", "یورینیم",
			// Turkish.
			"nükleer", "uranyum", "zenginleştir*",
			// Hindi.
			"परमाणु", "न्यूक्लियर", "यूरेनियम",
		}, programme...)...),
		All: [][]Term{Terms(iran...)},
	}
}
