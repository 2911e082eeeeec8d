package topics

func northKoreaPack() packDef {
	return packDef{
		id:   "north-korea",
		name: "North Korea",
		concepts: append(namesByID(
			"north-korea", "pyongyang", "kim-jong-un", "kim-yo-jong", "kim-jong-il", "kcna", "rodong-sinmun",
			"yongbyon", "punggye-ri", "kaesong", "hwasong", "taepodong",
		),
			subject("inter-korean", "inter-Korean relations",
				en("inter-Korean"),
				de("innerkoreanisch*"),
				ru("межкорейск*"),
				uk("міжкорейськ*"),
				zh("朝韩", "朝韓", "南北韩关系"),
				ja("南北首脳*", "南北会談", "南北関係", "南北対話"),
				// Not 남북 alone: 남북한 is both Koreas, 남북리 a village.
				ko("남북관계", "남북 관계", "남북정상*", "남북 정상*", "남북회담", "남북 회담", "남북 실무회담",
					"남북대화", "남북 대화", "남북교류", "남북 교류", "남북 경협", "남북경협", "남북 합의", "남북합의",
					"남북 공동선언", "남북 예술단", "남북 군사*", "남북군사*", "남북 통신*", "남북통신*",
					guarded("南北", Guard{Whole: true, OnlyLang: true})),
			),
		),
	}
}
