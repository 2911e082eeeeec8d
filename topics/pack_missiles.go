package topics

func ballisticMissilesPack() Spec {
	return Spec{
		ID:   "ballistic-missiles",
		Name: "Ballistic missiles and missile strikes",
		Any: Terms(
			// English, Italian, Portuguese without accent: missile(s),
			// missili, missilistico.
			"missil*", "ICBM*", "SLBM*", "IRBM*", "intercontinental ballistic*",
			"Hwasong*", "Iskander*", "Kinzhal", "Oreshnik",
			// Spanish and Portuguese.
			"misil*", "míssil", "mísseis",
			// French.
			"tir* de missile*",
			// German: Rakete alone is also a space rocket.
			"Marschflugkörper*", "Flugkörper*", "ballistisch* Rakete*",
			"Langstreckenrakete*", "Mittelstreckenrakete*", "Kurzstreckenrakete*",
			"Interkontinentalrakete*", "Hyperschallrakete*", "Atomrakete*",
			"Raketenangriff*", "Raketentest*", "Raketenabwehr*", "Raketenbeschuss*",
			// Russian: the noun's forms, not ракетка (a racket).
			"ракета", "ракеты", "ракет", "ракете", "ракету", "ракетой", "ракетам", "ракетами",
			"баллистическ* ракет*", "крылат* ракет*", "ракетн* удар*", "ракетн* обстрел*",
			"ракетн* испытани*", "Искандер*",
			// Ukrainian.
			"ракети", "ракеті", "ракетою", "балістичн* ракет*", "крилат* ракет*",
			"ракетн* обстріл*", "Іскандер*",
			// Chinese (simplified and traditional).
			"导弹", "導彈", "飞弹", "飛彈",
			// Japanese.
			"ミサイル", "弾道弾",
			// Korean: compounds are written as one word.
			"미사일", "탄도미사일", "대륙간탄도미사일", "중거리탄도미사일", "단거리탄도미사일",
			"순항미사일", "극초음속미사일", "탄도탄",
			// Arabic.
			"صاروخ*", "صواريخ*", "الصاروخ*", "الصواريخ*", "بصاروخ*", "بصواريخ*", "والصواريخ*",
			// Persian.
			"موشک*",
			// Urdu.
			"میزائل*",
			// Hindi.
			"मिसाइल*", "प्रक्षेपास्त्र*",
			// Turkish.
			"füze*",
		),
		None: Terms(
			// Space launchers.
			"launch vehicle*", "space rocket*", "SpaceX", "Trägerrakete*",
			"ракет* носител*", "ракет* носі*", "运载火箭", "運載火箭",
			// Games.
			"video game*", "game review*", "Missile Command", "Videospiel*", "jeu vidéo", "videojuego*",
		),
	}
}
