package topics

func cyberattacksPack() Spec {
	return Spec{
		ID:   "cyberattacks",
		Name: "Cyberattacks",
		Any: Terms(
			// English; ransomware, malware and phishing are also used in most
			// European languages. Not "hacker" alone (Hacker News).
			"cyberattack*", "cyber attack*", "cyberwar*", "cyber espionage", "cyberespionage",
			"ransomware*", "malware*", "spyware*", "botnet*", "phishing", "DDoS", "hackers",
			"hacker attack*", "hacker group*", "hacked", "hacking", "data breach*", "zero-day*",
			// Russian.
			"кибератак*", "хакер*", "вирус* вымогател*", "программ* вымогател*",
			"утечк* данных", "кибершпионаж*",
			// Ukrainian.
			"кібератак*", "хакерськ*", "кібершпигун*", "витік* даних",
			// Chinese (simplified and traditional).
			"网络攻击", "網路攻擊", "網絡攻擊", "黑客", "駭客", "勒索软件", "勒索軟體",
			"数据泄露", "資料外洩",
			// Japanese.
			"サイバー攻撃", "ハッカー", "ランサムウェア", "不正アクセス", "情報漏洩", "情報漏えい",
			"マルウェア",
			// Korean.
			"사이버공격", "사이버 공격", "사이버테러", "해킹", "해커", "랜섬웨어", "디도스",
			"악성코드", "개인정보 유출",
			// Arabic.
			"هجوم* إلكتروني*", "هجمات* إلكتروني*", "هجوم* سيبراني*", "هجمات* سيبراني*",
			"الهجوم* السيبراني*", "الهجمات* السيبراني*", "قرصن*", "القرصن*", "قراصنة",
			"برامج الفدية",
			// Persian.
			"حمله سایبری", "حملات سایبری", "هکر*", "باج‌افزار*",
			// Urdu.
			"سائبر حمل*", "ہیکر*", "ہیکنگ",
			// French.
			"cyberattaque*", "cyber-attaque*", "piratage*", "pirate* informatique*",
			"rançongiciel*", "logiciel* malveillant*", "fuite* de données",
			// German.
			"Cyberangriff*", "Cyberattacke*", "Hackerangriff*", "Hackergruppe*", "Datenleck*", "Schadsoftware*",
			"Erpressungssoftware*", "Cyberkrieg*",
			// Spanish.
			"ciberataque*", "ataque* informático*", "hackeo*", "pirata* informático*",
			"filtración de datos",
			// Portuguese.
			"ataque* cibernético*", "ataque* hacker*", "vazamento de dados", "sequestro de dados",
			// Italian.
			"attacc* informatic*", "cyberattacc*", "attacco cyber", "attacco hacker", "pirati informatici",
			"furto di dati",
			// Turkish.
			"siber saldırı*", "fidye yazılım*", "veri sızıntı*", "bilgisayar korsan*",
			// Hindi.
			"साइबर हमल*", "साइबर अटैक*", "हैकर*", "हैकिंग", "रैनसमवेयर", "डेटा लीक",
		),
	}
}
