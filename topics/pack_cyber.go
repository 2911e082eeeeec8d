package topics

// Words near which a German "Hacker" is an attacker rather than a
// hobbyist or a conference-goer.
var hackerContextDe = []string{
	"Angriff*", "angegriffen", "gehackt", "erbeutet", "erbeuteten", "gestohlen*", "Daten*", "Konten", "Konto*", "Server*",
	"ausgespäht", "ausspioniert", "eingedrungen", "russisch*", "chinesisch*", "nordkoreanisch*", "iranisch*", "staatlich*",
	"Lösegeld*",
}

// Words near which a French "pirate" is a computer intruder rather than
// a sea robber or a copier of films.
var pirateContextFr = []string{
	"informatique*", "données", "serveur*", "système*", "réseau*", "site*", "comptes", "messagerie*", "rançon*",
	"cyber*", "piraté*", "hôpital", "hôpitaux",
}

// Words near which a name shared with other things (Sandworm in Dune,
// Lazarus in the Gospel) is a state hacking group.
var hackingGroupContext = []string{
	"hack*", "cyber*", "intrusion*", "malware*", "attack*", "breach*", "GRU", "Russia*", "North Korea*", "Pyongyang",
	"crypto*", "FBI", "Microsoft", "Google", "Mandiant",
	"Hacker*", "Cyber*", "Angriff*", "piratage", "pirates", "хакер*", "кибер*", "атак*", "ГРУ", "해킹*", "해커*", "가상화폐*",
	"암호화폐*", "북한*", "사이버*",
}

func cyberattacksPack() packDef {
	return packDef{
		id:   "cyberattacks",
		name: "Cyberattacks",
		concepts: []Concept{
			subject("cyberattack", "cyberattack",
				en("cyberattack*", "cyber attack*", "cyber assault*", "hacker attack*", "cyber intrusion*", "network intrusion*",
					"cyber incident*", "cybercriminal*", "cyber criminal*", "hack-and-leak", "supply chain attack*",
					"password spraying", "hacktivist*",
					"malicious cyber activit*"),
				fr("cyberattaque*", "cyber-attaque*", "attaque* informatique*", "cybercriminel*", "intrusion* informatique*"),
				de("Cyberangriff*", "Cyberattacke*", "Hackerangriff*", "Cyber-Angriff*", "IT-Angriff*", "Computersabotage",
					"Cyberkriminell*", guarded("Hacker", Guard{Near: hackerContextDe, Window: 6})),
				es("ciberataque*", "ataque* informático*", "ciberdelincuente*", "denegación de servicio", "secuestro de datos"),
				pt("ataque* cibernético*", "ataque* hacker*", "ciberataque*", "cibercriminoso*", "invasão hacker"),
				it("attacc* informatic*", "cyberattacc*", "attacco cyber", "attacco hacker"),
				tr("siber saldırı*", "siber atak*", "hacker saldırı*"),
				ru("кибератак*", "хакерск* атак*", "киберпреступник*"),
				uk("кібератак*", "хакерськ* атак*"),
				zh("网络攻击", "網路攻擊", "網絡攻擊", "黑客攻击", "网络入侵", "網路入侵", "骇客攻击", "駭客攻擊", "网攻", "網攻"),
				ja("サイバー攻撃"),
				ko("사이버공격", "사이버 공격", "사이버테러", "사이버 테러", "사이버 범죄조직", "사이버범죄조직",
					// North Korea's "cyber activities" are its hacking.
					guarded("사이버 활동", Guard{Near: []string{"북한*", "북", "北", "해킹*", "탈취*", "가상화폐*", "암호화폐*"}, Window: 6})),
				ar("اختراق إلكتروني", "اختراق حسابات", "اختراق أنظمة", "اختراق بيانات", "هجوم* إلكتروني*", "هجمات* إلكتروني*", "هجوم* سيبراني*", "هجمات* سيبراني*", "الهجوم* السيبراني*", "الهجمات* السيبراني*"),
				fa("حمله سایبری", "حملات سایبری"),
				ur("سائبر حمل*"),
				hi("साइबर हमल*", "साइबर अटैक*"),
			),
			subject("hacking", "hacking",
				// Not "hacker" alone (Hacker News), nor "hacked to death".
				en("hackers", "hacking", "hacker group*",
					// breached of systems by attackers, not of a contract or a
					// ceasefire.
					guarded("breached", Guard{Near: []string{"hacker*", "attacker*", "cyber*", "systems", "network*", "server*", "ransomware*"}, NotNear: []string{"ceasefire", "contract", "agreement", "rules", "law", "levee*", "dam", "wall*"}, Window: 6}),
					guarded("hacked", Guard{NotIn: []string{"hacked to death", "hacked off", "hacked away", "hacked apart"}}),
					guarded("hack", Guard{Near: []string{"account*", "server*", "system*", "network*", "email*", "computer*", "website*", "customer*", "database*", "breach*", "stolen", "Russia*", "China*", "Chinese", "North Korea*"}, NotIn: []string{"life hack*"}})),
				fr("piratage*", "pirate* informatique*", guarded("pirates", Guard{Near: pirateContextFr, Window: 6})),
				de("Hackergruppe*", "gehackt",
					guarded("Hack", Guard{Near: []string{"Kunden*", "Daten*", "Server*", "Konto*", "Konten", "Angreifer*", "System*", "Netzwerk*", "Passw*", "E-Mail*", "Kreditkart*"}})),
				es("hackeo*", "pirata* informático*"),
				it("pirati informatici"),
				tr("bilgisayar korsan*"),
				// Not a burglar's break-in.
				ru("хакер*", guarded("взлом*", Guard{NotNear: []string{"квартир*", "сейф*", "замк*", "замок", "двер*", "гараж*", "вор*", "банкомат*"}, Window: 5})),
				uk("хакер*", "хакерськ*", "зламали"),
				zh("黑客", "駭客"),
				ja("ハッカー", "不正アクセス"),
				// Not 해커톤 (a hackathon) nor the school 해커스.
				ko("해킹", guarded("해커", Guard{NotIn: []string{"해커톤", "해커스"}}), "가상화폐 탈취", "암호화폐 탈취", "가상자산 탈취"),
				tr("hackerlar*"),
				ar("قرصن*", "القرصن*", "قراصنة"),
				fa("هکر*"),
				ur("ہیکر*", "ہیکنگ"),
				hi("हैकर*", "हैकिंग"),
			),
			subject("malware", "malware and ransomware",
				en("ransomware*", "malware*", "spyware*", "botnet*", "phishing", "trojan horse*", "wiper malware"),
				fr("rançongiciel*", "logiciel* malveillant*"),
				// Not the people of Troy.
				de("Schadsoftware*", "Erpressungssoftware*", guarded("Trojaner*", Guard{NotNear: []string{
					"Troja", "Griechen", "Antike", "Homer*", "Sage", "Archäolog*", "Achill*", "Hektor", "Trojanisch* Krieg*",
				}, Window: 8})),
				tr("fidye yazılım*"),
				de("Erpressersoftware*", "Erpressungstrojaner*"),
				es("programa* malicioso*", "software malicioso"),
				pt("programa* malicioso*", "software malicioso"),
				it("software malevol*"),
				ru("вирус* вымогател*", "программ* вымогател*", "вредоносн* программ*", "вредоносн* ПО", "троян*"),
				uk("шкідлив* програм*", "вірус* вимагач*"),
				zh("勒索软件", "勒索軟體", "恶意软件", "惡意軟體", "木马病毒", "勒索病毒"),
				ja("ランサムウェア", "マルウェア", "ウイルス感染"),
				ko("랜섬웨어", "악성코드", "악성 코드", "피싱", "스파이웨어"),
				ja("スパイウェア"),
				ar("برامج الفدية", "برمجيات خبيثة"),
				fa("باج‌افزار*", "بدافزار*"),
				hi("रैनसमवेयर", "मैलवेयर"),
			),
			subject("ddos", "DDoS attack",
				anyLang("DDoS*"),
				en("denial of service"),
				fr("déni de service"),
				de("Überlastungsangriff*"),
				zh("拒绝服务攻击", "阻斷服務攻擊"),
				ko("분산서비스거부", "서비스 거부 공격"),
				ru("DDoS-атак*", "ДДоС*"),
				ko("디도스"),
			),
			// State and criminal hacking groups by the names security
			// firms and governments give them.
			subject("hacking-group", "hacking group",
				anyLang("APT28", "APT29", "APT38", "APT40", "APT41", "Fancy Bear", "Cozy Bear", "Kimsuky", "Andariel", "Volt Typhoon",
					"Salt Typhoon", "Killnet", "NoName057*", "LockBit", "BlackCat", "ALPHV", "Scattered Spider",
					guarded("Sandworm", Guard{Near: hackingGroupContext, Window: 8}),
					guarded("Lazarus", Guard{Near: hackingGroupContext, Window: 8}),
					guarded("Midnight Blizzard", Guard{Near: hackingGroupContext, Window: 8})),
				ko("김수키", "안다리엘", guarded("라자루스", Guard{Near: hackingGroupContext, Window: 8})),
				ja(guarded("ラザルス", Guard{Near: []string{"ハッカー*", "サイバー*", "北朝鮮", "暗号資産", "仮想通貨", "窃取"}, Window: 12})),
				zh(guarded("拉撒路", Guard{Near: []string{"黑客", "朝鲜", "网络", "加密货币"}, Window: 12}), "APT组织"),
			),
			subject("data-breach", "data breach",
				en("data breach*", "zero-day*"),
				fr("fuite* de données"),
				de("Datenleck*", "Datenklau"),
				es("filtración de datos", "brecha de datos", "robo de datos"),
				pt("vazamento de dados", "sequestro de dados"),
				it("furto di dati"),
				tr("veri sızıntı*"),
				ru("утечк* данных", "утечк* персональн*"),
				uk("витік* даних"),
				zh("数据泄露", "資料外洩", "数据泄漏"),
				ja("情報漏洩", "情報漏えい", "個人情報流出"),
				// A company's leak of personal data is an attack only when
				// someone broke in.
				ko(guarded("개인정보 유출", Guard{Near: []string{"해킹*", "해커*", "사이버*", "공격*", "랜섬웨어*", "침입*"}, Window: 8})),
				hi("डेटा लीक"),
			),
			subject("cyber-espionage", "cyber espionage and cyberwar",
				en("cyber espionage", "cyberespionage", "cyberwar*", "cyber war*", "cyber operation*", "cyber campaign*", "state-sponsored hack*"),
				de("Cyberkrieg*", "Cyberspionage"),
				fr("cyberguerre", "cyberespionnage"),
				ru("кибершпионаж*", "кибервойн*"),
				uk("кібершпигун*", "кібервійн*"),
				zh("网络间谍", "網路間諜", "网络战"),
				ja("サイバー戦", "サイバー攻撃集団"),
				ko("사이버전", "사이버 전쟁"),
			),
		},
	}
}
