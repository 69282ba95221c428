using FsCheck.Fluent;
using Tracemark.Tests;

namespace Tracemark.Fraud.Tests;

public sealed class FraudTypeTests
{
    [Theory]
    [InlineData("刷单返利", FraudType.RebateTask)]
    [InlineData("兼职刷单", FraudType.RebateTask)]
    [InlineData("冒充客服", FraudType.ImpersonateCustomerService)]
    [InlineData("冒充快递客服理赔", FraudType.ImpersonateCustomerService)]
    [InlineData("冒充电商客服退款", FraudType.ImpersonateCustomerService)]
    [InlineData("冒充公检法", FraudType.ImpersonatePolice)]
    [InlineData("自称警察称涉嫌洗钱", FraudType.ImpersonatePolice)]
    [InlineData("贷款", FraudType.Loan)]
    [InlineData("网贷", FraudType.Loan)]
    [InlineData("投资理财", FraudType.Investment)]
    [InlineData("炒股荐股", FraudType.Investment)]
    [InlineData("杀猪盘", FraudType.Romance)]
    [InlineData("网络交友诱导投资", FraudType.Romance)]
    [InlineData("注销校园贷影响征信", FraudType.CreditRecord)]
    [InlineData("冒充客服称需注销校园贷", FraudType.CreditRecord)]
    [InlineData("冒充领导", FraudType.ImpersonateAcquaintance)]
    [InlineData("网络游戏装备交易", FraudType.GameTrade)]
    [InlineData("低价代购", FraudType.Shopping)]
    [InlineData("其他", FraudType.Other)]
    [InlineData("", FraudType.Other)]
    [InlineData("unclear", FraudType.Other)]
    [InlineData("loan", FraudType.Loan)]
    [InlineData("impersonate_customer_service", FraudType.ImpersonateCustomerService)]
    public void Free_text_maps_to_the_documented_type(string text, FraudType expected) =>
        Assert.Equal(expected, FraudTypes.Map(text));

    [Fact]
    public void Every_type_round_trips_through_its_code_and_labels()
    {
        foreach (var type in FraudTypes.All)
        {
            Assert.Equal(type, FraudTypes.FromCode(type.Code()));
            Assert.Equal(type, FraudTypes.Map(type.Code()));
            Assert.Equal(type, FraudTypes.Map(type.Chinese()));
        }

        Assert.Equal(Enum.GetValues<FraudType>().Length, FraudTypes.All.Count);
    }

    [Fact]
    public void Any_text_maps_to_a_listed_type_without_throwing() =>
        Properties.Hold(Gen.Elements("刷单", "客服", "公安", "贷", "投资", "x", " ", "\"", "征信", "游戏", "婚恋").ArrayOf().Select(a => string.Concat(a)), text =>
            FraudTypes.All.Contains(FraudTypes.Map(text)), 2000);
}
