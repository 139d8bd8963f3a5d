/**
 * 国籍 of a 护照(外国) holder. The gateway takes ISO 3166-1 alpha-3 codes; the browser names regions
 * by their alpha-2 code (Intl.DisplayNames, in Chinese), so each code is listed as alpha-3 + alpha-2.
 */

/** ISO 3166-1 as assigned in 2024: alpha-3 immediately followed by alpha-2 (e.g. "USAUS"). */
const ISO_3166 =
  'ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATAAQ ATFTF ATGAG AUSAU AUTAT ' +
  'AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ BMUBM BOLBO ' +
  'BRABR BRBBB BRNBN BTNBT BVTBV BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI CMRCM CODCD COGCG ' +
  'COKCK COLCO COMKM CPVCV CRICR CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE DJIDJ DMADM DNKDK DOMDO ' +
  'DZADZ ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK FRAFR FROFO FSMFM GABGA GBRGB ' +
  'GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY ' +
  'HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO IRLIE IRNIR IRQIQ ISLIS ISRIL ITAIT ' +
  'JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY ' +
  'LCALC LIELI LKALK LSOLS LTULT LUXLU LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH ' +
  'MKDMK MLIML MLTMT MMRMM MNEME MNGMN MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA ' +
  'NCLNC NERNE NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE ' +
  'PHLPH PLWPW PNGPG POLPL PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA ' +
  'SDNSD SENSN SGPSG SGSGS SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR ' +
  'SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TCATC TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO ' +
  'TTOTT TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA UMIUM URYUY USAUS UZBUZ VATVA VCTVC VENVE VGBVG ' +
  'VIRVI VNMVN VUTVU WLFWF WSMWS YEMYE ZAFZA ZMBZM ZWEZW';

/**
 * Not foreign nationalities: Chinese citizens register with a 内地居民身份证 (the gateway refuses CHN),
 * residents of Hong Kong, Macao and Taiwan with their 通行证.
 */
const NOT_FOREIGN = new Set(['CHN', 'HKG', 'MAC', 'TWN']);

export interface NationalityOption {
  /** ISO 3166-1 alpha-3, as the gateway expects. */
  value: string;
  /** Chinese name, e.g. 美国. */
  label: string;
}

let options: NationalityOption[] | null = null;

/** Every foreign nationality, named in Chinese and sorted by its pinyin (as 中文 collation orders it). */
export function nationalityOptions(): NationalityOption[] {
  if (options) return options;
  const names = new Intl.DisplayNames(['zh-CN'], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator('zh-CN');
  options = ISO_3166.split(' ')
    .map((pair) => ({ value: pair.slice(0, 3), label: names.of(pair.slice(3)) ?? pair.slice(0, 3) }))
    .filter((option) => !NOT_FOREIGN.has(option.value))
    .sort((a, b) => collator.compare(a.label, b.label));
  return options;
}
