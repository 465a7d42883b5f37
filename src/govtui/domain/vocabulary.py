"""The words that carry meaning in a 政务公开 plan, as data, in one place.

Every importer, the unit and deadline parsers and the header mapping read their words from
here, so a new word is a one-line change (with a test).  All words are written in their
*normalised* form (see :func:`govtui.domain.text.normalize`): ASCII punctuation, Simplified
characters.  Matching runs on the normalised view of a text; names and text are stored
as printed.
"""

from __future__ import annotations

# -- numbering -------------------------------------------------------------------------------

#: Chinese numerals used in headings: 一、 (一) 十一、
CN_NUMERALS = "一二三四五六七八九十百零〇两"

# -- units and roles -------------------------------------------------------------------------

#: Endings of a unit's name (longest first matters only for display; matching uses endswith).
UNIT_SUFFIXES = ("科室", "股室", "处室", "部门", "单位", "中心", "机构", "政府", "街道", "乡镇", "小组", "公司",
                 "委员会", "办公室", "办公厅", "科", "室", "股", "处", "局", "办", "委", "部", "院", "会", "所",
                 "站", "队", "组", "厅", "署", "司", "馆", "团", "社", "行", "镇", "县", "区", "市", "省", "团委",
                 "支部", "党组", "分局", "大队", "中队", "庭", "校", "台", "协", "联", "网站", "街", "乡", "村",
                 "管委会", "园区", "企业", "学校", "医院", "中学", "小学", "大学", "幼儿园", "海关")

#: A unit name that names a group rather than one office: 各科室, 相关业务科室, 局属各中心, 市直各单位.
GENERIC_PREFIXES = ("各", "相关", "有关", "其他", "其它", "全体", "所有", "所属", "本级", "各级", "涉及")
GENERIC_INFIXES = ("各",)  # 局各股室, 局属各中心, 市直各单位

#: Header-like keys before a colon that give every unit after them a role.
LEAD_KEYS = ("牵头责任单位", "牵头责任部门", "牵头单位", "牵头部门", "牵头科室", "牵头股室", "牵头处室", "主办单位",
             "主办部门", "牵头")
COOPERATE_KEYS = ("配合单位", "配合部门", "配合科室", "配合股室", "配合处室", "协办单位", "参与单位", "协助单位",
                  "协同单位", "协同部门", "参与部门", "协办部门", "协助部门", "配合")
RESPONSIBLE_KEYS = ("责任单位", "责任部门", "责任科室", "责任股室", "责任处室", "责任主体", "主责单位", "主责部门",
                    "承办单位", "承办部门", "负责单位", "负责部门", "负责科室", "落实单位", "实施单位",
                    "单位", "部门", "科室", "股室", "处室")
#: Keys that name a person, not a unit (``责任领导:张明``): their clause gives no unit.
PERSON_KEYS = ("责任领导", "牵头领导", "分管领导", "包保领导", "责任人", "联系人", "分管县领导", "分管市领导",
               "牵头县领导", "牵头市领导", "责任县领导", "责任市领导", "联系领导")
DEADLINE_KEYS = ("完成时限", "时限要求", "完成时间", "时间节点", "完成期限", "时限", "完成时间节点", "进度安排",
                 "时间安排", "时间要求", "进度要求", "完成节点", "办结时限")

#: Words after a unit list that give it a role (matched at the end of a clause, longest first).
LEAD_TAILS = ("牵头负责落实", "牵头负责", "牵头落实", "牵头办理", "牵头抓总", "牵头", "统筹", "主办")
#: (提供)技术保障: a unit supporting the one in charge cooperates with it
COOPERATE_TAILS = ("协助配合", "配合落实", "积极配合", "参与配合", "协助", "配合", "参与", "协办", "提供技术保障",
                   "技术保障")
RESPONSIBLE_TAILS = ("分别负责落实", "负责落实", "具体负责", "分别负责", "共同负责", "按职责分工落实",
                     "按职责分工负责", "按照职责分工落实", "按照职责分工负责", "按职责落实", "负责", "落实",
                     "按职责负责", "按职能负责", "按照职责负责", "根据职责分工负责", "根据职责负责", "依职责负责",
                     "按职责分工", "按职责推进", "具体落实", "负总责", "督促指导", "指导", "按职能分工负责",
                     "按职能分工落实", "按职能分工", "按职能职责", "参照执行", "参照落实", "参照", "分工负责",
                     "分工落实", "各负其责", "各司其职", "办理")
#: ``X负责,Y配合``: a unit that alone is in charge (these tails) beside cooperating units leads, as with 牵头.
IN_CHARGE_TAILS = ("负责落实", "具体负责", "负责", "负总责")
#: Wording around a unit list that names no unit: stripped from the end of each name.
NAME_TAIL_WORDS = ("等按职责分工落实", "等按职责分工负责", "按职责分工落实", "按职责分工负责", "按照职责分工落实",
                   "按照职责分工负责", "等单位", "等部门", "等科室", "分别负责落实", "负责落实", "牵头落实",
                   "分别负责", "分别", "共同", "负责", "落实", "等相关单位", "等有关单位", "等相关部门",
                   "等有关部门", "按照职能分工", "按职能分工", "按照职责分工", "按职责分工", "按职责", "按职能",
                   "分工负责", "分工落实", "各负其责", "各司其职", "等")
#: ``A会同B`` / ``A会B``: A leads, B cooperates (see ``units._TOGETHER``).
TOGETHER_WORDS = ("会同", "会")

# -- table headers ---------------------------------------------------------------------------

HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("项次", "序号", "编号", "任务编号", "序", "No", "NO", "no", "指标序号"),
    "group": ("工作任务", "重点任务", "任务", "主要任务", "重点工作", "工作事项", "任务名称", "工作项目", "一级任务",
              "二级任务", "一级要点", "一级指标", "工作要点",
              "类别", "项目", "板块", "领域", "工作类别", "公开事项", "事项"),
    "text": ("具体要求", "工作要求", "具体内容", "工作措施", "具体措施", "任务要求", "主要内容", "工作内容",
             "任务内容", "细化分工", "公开内容", "具体任务", "内容", "工作举措", "主要措施", "要求", "任务分解",
             "具体举措", "主要举措", "推进措施", "任务措施", "具体工作", "工作目标", "目标任务", "落实措施",
             "二级要点", "三级要点", "二级指标", "三级指标", "三级任务", "任务描述", "具体事项",
             "主要问题", "存在问题", "问题描述", "整改措施", "整改要求", "整改任务"),  # rectification lists
    "lead": ("主办机关", "牵头单位", "牵头部门", "牵头科室", "牵头股室", "牵头处室"),
    "cooperate": ("协办机关", "配合单位", "配合部门", "配合科室", "配合股室", "配合处室", "协办单位", "参与单位",
                  "协助单位", "协同单位", "协同部门", "参与部门", "协办部门", "协助部门"),
    "units": ("责任单位", "责任科室", "责任部门", "责任股室", "责任处室", "责任主体", "承办单位", "责任分工",
              "负责单位", "负责科室", "落实单位", "实施单位", "责任单位(部门)", "主办单位", "任务分工",
              "分工"),
    "deadline": ("时限要求", "完成时限", "完成时间", "时间节点", "时限", "完成期限", "进度安排", "时间安排",
                 "完成时间节点"),
    "remark": ("责任领导", "分管领导", "牵头领导", "责任人", "联系人", "备注", "完成情况", "进展情况", "状态", "到期日",
               "最新进展", "计划", "进展", "完成率", "说明", "推进落实情况", "落实情况", "推进情况", "工作进展",
               "进展情况说明", "整改情况",
               # how the work is judged, beside it: 工作任务 | 评价标准 | 责任单位
               "评价标准", "考核标准", "评分标准", "考核指标", "评价指标", "考核方式", "评价方式", "验收标准",
               "成果形式", "预期成果"),
}

#: A cell printed to say it is empty (无 in a 配合单位 column): read as an empty cell.
EMPTY_CELLS = ("无", "/", "\\", "-", "—", "——", "--", "–", "暂无", "空", "无需", "×")

# -- deadlines -------------------------------------------------------------------------------

ONGOING_WORDS = ("持续推进", "长期坚持", "长期推进", "持续开展", "长期开展", "持续实施", "长期执行", "常态化推进",
                 "持续", "长期", "常态化", "全年", "贯穿全年", "日常", "动态更新", "及时", "即时", "实时", "随时")
RECURRING_WORDS = ("每季度", "每个季度", "每月", "每个月", "每年", "每半年", "每周", "每旬", "每日", "每天",
                   "按季度", "按月", "按年", "逐月", "定期")
#: Endings that make a short cell read as a deadline.
DEADLINE_ENDINGS = ("工作日内", "日内", "小时内", "底前", "月前", "日前", "之前", "以前", "前完成", "年底",
                    "年内", "季度", "半年", "月底",
                    "年末", "月份")

#: The titles a plan's ``一、`` sections commonly bear: where a heading runs straight into its paragraph
#: (``一、指导思想紧紧围绕…``), the title it starts with.
SECTION_TITLES = ("指导思想", "总体要求", "总体目标", "工作目标", "主要目标", "基本原则", "工作原则", "公开原则",
                  "公开内容", "公开范围", "公开事项", "公开形式", "公开方式", "公开程序", "公开时限", "主要任务",
                  "重点任务", "工作任务", "工作措施", "主要措施", "保障措施", "工作要求", "组织领导", "组织保障",
                  "实施步骤", "方法步骤", "工作步骤", "监督检查", "监督保障", "责任追究", "工作职责", "职责分工")

# -- document metadata -----------------------------------------------------------------------

#: Words of a plan's title, and how a title ends.
TITLE_WORDS = ("政务公开", "政务信息公开", "政府信息公开", "政府资讯公开", "信息公开", "资讯公开", "政务服务公开",
               "公开工作", "校务公开", "院务公开", "村务公开",  # a school's, a hospital's, a village's 政务公开
               "政务新媒体")  # a plan for the 政务新媒体, a part of the disclosure work
TITLE_ENDINGS = ("要点", "分工", "方案", "计划", "任务", "清单", "安排", "通知", "台账", "表", "实施意见", "工作重点",
                 "分解", "责任清单", "任务完成情况", "任务落实情况", "任务推进情况")  # …任务完成情况: a task ledger
#: Labels of a web page's or document's metadata block: ``发布机构: …``.
META_LABELS = {
    "organization": ("发布机构", "发文机关", "发文单位", "信息来源", "来源", "制发机关", "发布单位"),
    "title": ("名称", "标题", "文件名称"),
    "date": ("发文日期", "发布日期", "发布时间", "成文日期", "生效日期", "更新时间", "日期", "时间"),
    "other": ("索引号", "分类", "主题分类", "文号", "发文字号", "体裁分类", "关键词", "有效性", "浏览次数",
              "点击", "字体", "字号", "内容概述", "内容摘要", "摘要"),
}
#: A line that starts a web page's footer: the article has ended.
FOOTER_STARTS = ("扫一扫", "版权声明", "版权所有", "联系方式", "联系我们", "主办单位", "主办:", "承办单位",
                 "网站标识码", "网站地图", "打印本页", "关闭窗口", "【打印】", "【关闭】", "分享到", "相关链接",
                 "相关文章",
                 "相关阅读", "上一篇", "下一篇", "Baidu", "中国·", "责任编辑", "[打印]", "[关闭]", "附件下载",
                 "政策解读", "视频解读", "图片解读", "ICP备", "网站识别码", "【我要纠错】", "扫描二维码", "主办",
                 "技术支持", "备案号",
                 "Copyright", "©", "相关附件", "【打印本页】", "打印 关闭", "网站标识", "地址:",
                 "小编精心推荐", "精心推荐", "相关推荐", "推荐阅读", "(未完", "(请认真阅读")  # an essay site's
#: Lines that close an official document after its text (the copy list, the publication note): never tasks.
CLOSING_STARTS = ("抄送", "(此件", "此件公开", "此件主动公开", "此件依申请公开", "此件不公开", "联系人:",
                  "联系电话:", "特此通知", "特此函告", "特此公告")
#: Words of a document-sharing site's notices (its paywall, its terms): a line holding one is no part of the plan.
SHARING_NOTICE_WORDS = ("VIP文档", "成为VIP", "VIP会员", "会员有效期", "素材配额", "下载权益", "原创力文档", "版权申诉",
                        "网友上传", "付费下载", "积分下载", "文档贡献者", "由会员分享", "可在线阅读", "点击查看更多",
                        "上传人:", "上传时间:", "文档编号:")
#: Whole lines a document-sharing site prints around the document (its menus and section names).
SHARING_CHROME_LINES = ("资源描述", "文档介绍", "返回 下载 相关 举报", "返回 下载", "相关 举报")
#: Lines of site chrome that may come anywhere before the body.
CHROME_STARTS = ("•", "·", "●", "【字体", "字体:", "字号", "浏览次数", "阅读次数", "点击数", "您现在的位置", "当前位置",
                 "首页", "分享", "打印", "继续访问", "放弃", "您访问的链接", "无障碍", "繁体", "English",
                 "字体", "发布时间", "来源:", "浏览次数")
