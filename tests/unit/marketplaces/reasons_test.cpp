// Rejection reasons as the marketplaces write them become a code and a text in the partner's language.
#include <gtest/gtest.h>

#include "marketplaces/common/reasons.hpp"

namespace by::marketplaces {
namespace {

TEST(Reasons, WbRussianReasonsMapWithTheCharacteristicNamed) {
    auto r = ExplainReason("Не заполнена обязательная характеристика «Цвет»");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "required_characteristic");
    EXPECT_EQ(r->uz, "Majburiy xususiyat toʻldirilmagan: «Цвет»");
    EXPECT_EQ(r->In("en"), "A required characteristic is missing: “Цвет”");
    EXPECT_EQ(r->In("ru"), "Не заполнена обязательная характеристика: «Цвет»");
    auto t = ExplainReason("Наименование товара не должно превышать 60 символов");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->code, "title_too_long");
    EXPECT_EQ(t->In("uz"), "Nomi marketpleys ruxsat bergandan uzun");
}

TEST(Reasons, OzonAndYandexCodesMatchInAnyCase) {
    auto a = ExplainReason("REQUIRED_ATTRIBUTE_MISSING: attributes: Бренд");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->code, "required_characteristic");
    auto b = ExplainReason("invalid_old_price: old_price must be greater than price");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->code, "old_price");
    auto c = ExplainReason("Category 91491 is not a leaf");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->code, "category");
}

TEST(Reasons, UnknownReasonsAreLeftAsWritten) {
    EXPECT_FALSE(ExplainReason("Карточка заблокирована по жалобе правообладателя"));
    EXPECT_FALSE(ExplainReason(""));
}

}  // namespace
}  // namespace by::marketplaces
