"""Characters common in Chinese given names: a dictionary, not a census.

A surname followed only by such characters (王小明, 李娜) reads as a person's name; a surname
character followed by one that names a thing or a measure (金额, 时间, 高度, 周期) does not. Used
where a bare name-shaped word has no context to anchor it (column headers), so it errs on the
side of leaving rarer given-name characters out.
"""

from __future__ import annotations

GIVEN_CHARS = frozenset(
    # Frequent in both men's and women's names.
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉晨宇浩然欣怡子涵梓轩"
    "建国志文林海春东斌波俊飞峰亮琳婷雪燕梅琴云凤玲洁颖慧莉倩晶佳嘉思雨彤诗悦琪瑶馨萱"
    "妍宁博昊天一泽睿航铭皓辰逸鑫鸿阳旭成龙生福荣贵德仁义礼智信忠孝永松柏山川江清新光"
    "宝珍珠翠美爱蓉芬菊莲荷晓小立中正兴庆祥瑞婉娴雅淑贤惠卿凯毅豪杰威武坤乾鹤翔鹰鹃"
    "萌蕾薇芸芹芝茜莎蓓菲琦瑾璐瑜瑞璇琼玮珊珂玥钰铮锋钧锦镇霖露霏靖静韵颂馥骏鸣麟"
    "丹为乐书云亚亦京亭仪伦佑依俐倩健儒兆先光全兵冬冰凡凤函刚创初利力励勤千升华"
    "卓南博卫厚友双叶君启吉和咏哲唯善嘉国圣坚培基增士夏大天奇奕妙妮姗姝娅娇娟婕"
    "婧婵媛子孟学宁守安宏宗定宜宣宸容宾富尧展岚岩峻崇嵘巍川帆希帅平幸康廷建弘强彦"
    "彬彪征德心忆志忠念怀思怡恒恩悦惠愉意慈慧成才振捷敏敬文斌旭昆昌明昕星春昭晋"
    "晗晟晨晴晶智曦朋朗望杉杰松林枫柔栋树桐梁森楠榕欢正武毅民永汉江沛波泉泳洁洪浩"
    "海涛润淼清渊湘源溪滨漫澄炎炜烨焕然煜熙燕爽玉玮环珍琛琦琪瑛瑶璋盛睿祥祺福秀"
    "秋笑筱素紫红纯纬维绮美羽翔翠耀聪育胜臣舒艺艳芊芬芳若英茂茵荣莹菁萍"
    "蔚虹言诚豪贞贤超轩达远迪逸邦鑫铭锐长阳雄雅雯雪霞青静韬顺颖飞馨鸿鹏黎"
    "良剑保景泰承仲延绍继炳寿喜誉隆禄梦虎根进香群权尚锡月微佩金"
    # Ordinal and placeholder names (张三, 李四, 王二小).
    "二三四五六七八九"
)

#: Characters of transliterated names written with a middle dot (Uyghur, Tibetan, Kazakh,
#: Mongolian and foreign names: 阿依古丽·买买提, 扎西·次仁, 约翰·史密斯), with GIVEN_CHARS.
TRANSLITERATION_CHARS = frozenset(
    "阿依古丽买提约翰史密斯克里穆罕默德艾尔肯吾拉木热合曼尼亚卡巴多吉扎西次仁卓玛索朗达娃格桑"
    "布琼普措旦增央金汗江别努哈萨迪力夏孜帕图孙托乎加玉苏甫麦海燕娜姑莎米兰日孔贡嘎泽白拥宗"
    "曲珍姆旺堆顿珠罗杰森奥维马丁彼得安东亨利威廉乔治瑟夫詹伊万诺基莉玛利特伯纳洛斯卢塞"
    "菲戴维凯瑟琳蒂芬妮汉娜露西雅各布本杰明查理兹沃勒赛义登巴特尔其其格乌云宝音图门朝鲁"
)
