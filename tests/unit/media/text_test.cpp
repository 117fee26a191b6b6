// FitText: wrapped, then shrunk, then cut; never wider or taller than its box; Cyrillic and Uzbek Latin.
#include <gtest/gtest.h>

#include "media/image_ops.hpp"

namespace by::media {
namespace {

const char* kLongRu =
    "Высокочувствительные электроакустические преобразователи обеспечивают детальное звучание во всём "
    "частотном диапазоне, а активное шумоподавление с гибридной архитектурой и шестью микрофонами убирает "
    "шум метро, самолёта и открытого офиса, сохраняя естественность голоса собеседника при звонках";
const char* kLongUz =
    "Yuqori sezgir dinamiklar butun chastota diapazonida aniq ovoz beradi, olti mikrofonli gibrid faol shovqin "
    "bostirish esa metro, samolyot va ochiq ofis shovqinini yo\u02BBqotadi, qo\u02BBng\u02BBiroqlarda "
    "suhbatdoshning ovozi tabiiy eshitiladi va ma\u02BClumotlar aniq yetkaziladi";

TEST(FitText, ShortTextKeepsItsPreferredSize) {
    TextStyle s;
    s.max_px = 60;
    auto r = FitText("Состав", 900, 200, s);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->font_px, 60);
    EXPECT_FALSE(r->truncated);
    EXPECT_GT(r->width, 100);
    EXPECT_LE(r->width, 900);
}

TEST(FitText, LongRussianAndUzbekTextShrinksIntoTheBox) {
    for (const char* text : {kLongRu, kLongUz}) {
        for (auto [w, h] : {std::pair{952, 230}, std::pair{392, 180}, std::pair{844, 88}}) {
            TextStyle s;
            s.bold = true;
            s.max_px = 72;
            s.min_px = 16;
            auto r = FitText(text, w, h, s);
            ASSERT_TRUE(r.ok()) << r.error().ToString();
            EXPECT_LE(r->width, w) << text;
            EXPECT_LE(r->height, h) << text;
            EXPECT_LT(r->font_px, 72);
            EXPECT_GE(r->font_px, 16);
            EXPECT_GT(r->width, w / 3);  // it actually uses the box
        }
    }
}

TEST(FitText, TooMuchTextIsCutWithAnEllipsisAndStillFits) {
    std::string text;
    for (int i = 0; i < 12; ++i) {
        text += std::string(kLongRu) + " ";
    }
    TextStyle s;
    s.max_px = 40;
    s.min_px = 24;
    auto r = FitText(text, 600, 160, s);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->truncated);
    EXPECT_EQ(r->font_px, 24);
    EXPECT_LE(r->width, 600);
    EXPECT_LE(r->height, 160);
    EXPECT_NE(r->text.find("\xE2\x80\xA6"), std::string::npos);
}

TEST(FitText, OneEndlessWordBreaksInsideTheWord) {
    std::string word;
    for (int i = 0; i < 10; ++i) {
        word += "Электроакустические";
    }
    TextStyle s;
    s.max_px = 48;
    s.min_px = 20;
    auto r = FitText(word, 500, 400, s);
    ASSERT_TRUE(r.ok());
    EXPECT_LE(r->width, 500);
    EXPECT_LE(r->height, 400);
}

TEST(FitText, MarkupCharactersAreText) {
    TextStyle s;
    auto r = FitText("Размер <b>XL</b> & «Pro» 5'11\"", 900, 100, s);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->text, "Размер <b>XL</b> & «Pro» 5'11\"");
}

// U+02BB/U+02BC must come from a real glyph (narrow, like an apostrophe), not a "missing glyph" box.
TEST(FitText, UzbekModifierLettersRenderAsGlyphs) {
    TextStyle s;
    s.max_px = 100;
    s.min_px = 100;
    auto o = FitText("o", 2000, 400, s);
    auto ou = FitText("o\u02BB", 2000, 400, s);
    auto tutuq = FitText("\u02BC", 2000, 400, s);
    auto missing = FitText("\U000E01EF", 2000, 400, s);  // an unassigned-looking code point: drawn as a box
    ASSERT_TRUE(o.ok() && ou.ok() && tutuq.ok() && missing.ok());
    int mark = ou->width - o->width;
    EXPECT_GT(mark, 10);
    EXPECT_LT(mark, 45);
    EXPECT_LT(tutuq->width, 45);
}

TEST(FitText, EmptyTextAndBadBoxes) {
    TextStyle s;
    auto r = FitText("   ", 100, 100, s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->width, 0);
    EXPECT_FALSE(FitText("x", 0, 10, s).ok());
}

TEST(ParseHexColor, Forms) {
    EXPECT_EQ(ParseHexColor("#2F5BEA"), 0x2F5BEAu);
    EXPECT_EQ(ParseHexColor("e4572e"), 0xE4572Eu);
    EXPECT_FALSE(ParseHexColor("red").has_value());
    EXPECT_FALSE(ParseHexColor("#12345").has_value());
}

}  // namespace
}  // namespace by::media
