using System.Diagnostics.Metrics;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoachBot.Core.Tests.Hosting;

public sealed class OrganizationAllowListTests
{
    [Fact]
    public void An_empty_list_admits_every_organisation_and_counts_nothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var rejections = new MetricCollector<long>(meters, CoachBotTelemetry.Name, "coachbot.auth.rejections");
        var list = new OrganizationAllowList("slack", "TeamNotAllowed", [], StringComparer.Ordinal, new CoachBotMetrics(meters));

        Assert.True(list.Admits("T1"));
        Assert.True(list.Admits(null));
        Assert.Empty(rejections.GetMeasurementSnapshot());
    }

    [Fact]
    public void A_list_admits_only_its_members_with_the_channels_comparison_and_counts_each_refusal()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var rejections = new MetricCollector<long>(meters, CoachBotTelemetry.Name, "coachbot.auth.rejections");
        var tenants = new OrganizationAllowList("botframework", "TenantNotAllowed", ["AB-12"], StringComparer.OrdinalIgnoreCase, new CoachBotMetrics(meters));
        var teams = new OrganizationAllowList("slack", "TeamNotAllowed", ["T1"], StringComparer.Ordinal, new CoachBotMetrics(meters));

        Assert.True(tenants.Admits("ab-12"));
        Assert.False(tenants.Admits("cd-34"));
        Assert.False(tenants.Admits(null));
        Assert.True(teams.Admits("T1"));
        Assert.False(teams.Admits("t1"));

        Assert.Equal(
            [("botframework", "TenantNotAllowed"), ("botframework", "TenantNotAllowed"), ("slack", "TeamNotAllowed")],
            rejections.GetMeasurementSnapshot().Select(m => ((string)m.Tags["channel"]!, (string)m.Tags["reason"]!)));
    }
}
