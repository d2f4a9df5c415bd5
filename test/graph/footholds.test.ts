/**
 * Runtime footholds and configuration: public EC2 instances (network, IMDS), internet-facing
 * ECS services, public App Runner services; ECS task definitions' task role, the secrets their
 * execution role fetches, and keys left in their environment.
 */
import { describe, expect, it } from 'vitest';
import { A, R, allow, build, doc, edgeAttrs, edgeLines, role, roleArn, secret, secretArn, trustService, type Json } from './runtime-snapshots.js';

const readSecret = doc(allow('secretsmanager:GetSecretValue', '*'));
const GROUP = 'sg-0open';
const SUBNET = 'subnet-0public';

function instance(extra: Json = {}): Json {
  return {
    InstanceId: 'i-0gpu',
    State: { Name: 'running' },
    IamInstanceProfile: { Arn: `arn:aws:iam::${A}:instance-profile/gpu-role` },
    PublicIpAddress: '198.51.100.7',
    SubnetId: SUBNET,
    VpcId: 'vpc-0a',
    SecurityGroups: [{ GroupId: GROUP }],
    MetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
    Tags: [{ Key: 'Name', Value: 'gpu-inference' }],
    ...extra,
  };
}
const openGroup = (rule: Json = { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }) => ({ GroupId: GROUP, VpcId: 'vpc-0a', IpPermissions: [rule] });
const routes = (gateway = 'igw-0a') => [{ RouteTableId: 'rtb-0a', VpcId: 'vpc-0a', Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: gateway, State: 'active' }], Associations: [{ SubnetId: SUBNET }] }];
const gpuRole = role('gpu-role', { profile: true, policy: readSecret });
const ec2 = (sections: Json) => build({ roles: [gpuRole] }, { SecretsManager: { SecretList: [secret('prod/key')] }, EC2: sections });
const hop = (built: ReturnType<typeof build>) => edgeAttrs(built, 'internet', 'gpu-role', 'exposure');

describe('public EC2 instances', () => {
  it('reach their role from the internet, with the ports, the IMDS posture and the open rule as evidence', () => {
    const found = hop(ec2({ Instances: [instance()], SecurityGroups: [openGroup()], RouteTables: routes() }));
    expect(found).toMatchObject({ entryPoint: 'ec2-instance-public-foothold', exposure: 'foothold-ssrf', conditional: false, detail: { instance: 'i-0gpu', name: 'gpu-inference', imds: 'v1', ports: '8000' } });
    expect(found!.provenance.map((p) => `${p.policy} ${p.field}`)).toContain(`arn:aws:ec2:${R}:${A}:security-group/${GROUP} IpPermissions[0]`);
  });

  it('IMDSv1 raises the exposure (SSRF suffices), IMDSv2 with a hop limit of 1 lowers it; a switched-off metadata service hands out nothing', () => {
    const hardened = hop(ec2({ Instances: [instance({ MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } })], SecurityGroups: [openGroup()], RouteTables: routes() }));
    expect(hardened).toMatchObject({ exposure: 'foothold-rce', detail: { imds: 'v2-hop-limit-1' } });
    expect(hop(ec2({ Instances: [instance({ MetadataOptions: { HttpEndpoint: 'disabled' } })], SecurityGroups: [openGroup()], RouteTables: routes() }))).toBeUndefined();
  });

  it('are no entry behind a closed network: no world-open rule, an ICMP-only rule, no internet gateway, no public address, stopped', () => {
    const closed: Json[] = [
      { Instances: [instance()], SecurityGroups: [openGroup({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] })], RouteTables: routes() },
      { Instances: [instance()], SecurityGroups: [openGroup({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })], RouteTables: routes() },
      { Instances: [instance()], SecurityGroups: [openGroup()], RouteTables: routes('nat-0a') },
      { Instances: [instance({ PublicIpAddress: undefined })], SecurityGroups: [openGroup()], RouteTables: routes() },
      { Instances: [instance({ State: { Name: 'stopped' } })], SecurityGroups: [openGroup()], RouteTables: routes() },
    ];
    for (const sections of closed) expect(hop(ec2(sections))).toBeUndefined();
  });

  it('stay conditional when security groups and route tables were not collected, saying what must hold', () => {
    const found = hop(ec2({ Instances: [instance()] }));
    expect(found?.conditional).toBe(true);
    expect(found?.residual).toEqual([
      `security groups not collected: ${GROUP} must admit traffic from the internet`,
      `route tables not collected: subnet ${SUBNET} must route to an internet gateway`,
    ]);
  });
});

describe('ECS task definitions and services', () => {
  const CLUSTER = `arn:aws:ecs:${R}:${A}:cluster/inference`;
  const TASK = `arn:aws:ecs:${R}:${A}:task-definition/llm:3`;
  const taskRole = role('llm-task-role', { trust: trustService('ecs-tasks.amazonaws.com') });
  const execRole = role('llm-exec-role', { trust: trustService('ecs-tasks.amazonaws.com'), policy: readSecret });
  const definition = (environment: Json[] = []) => ({
    taskDefinitionArn: TASK,
    family: 'llm',
    revision: 3,
    taskRoleArn: roleArn('llm-task-role'),
    executionRoleArn: roleArn('llm-exec-role'),
    containerDefinitions: [{ name: 'server', environment, secrets: [{ name: 'OPENAI_API_KEY', valueFrom: `${secretArn('prod/key')}:api_key::` }] }],
  });
  const service = (awsvpc: Json) => ({ serviceArn: `arn:aws:ecs:${R}:${A}:service/inference/llm`, serviceName: 'llm', taskDefinition: TASK, networkConfiguration: { awsvpcConfiguration: awsvpc } });
  const ecs = (services: Json[], environment?: Json[], users: Json[] = [], keys?: Json[]) =>
    build(
      { roles: [taskRole, execRole], users, ...(keys ? { keys } : {}) },
      { SecretsManager: { SecretList: [secret('prod/key')] }, EC2: { Instances: [], SecurityGroups: [openGroup()] }, ECS: { Clusters: [{ clusterArn: CLUSTER, clusterName: 'inference', Services: services }], TaskDefinitions: [definition(environment)] } },
    );

  it('run as the task role, and hold the secrets the execution role fetches (a JSON key suffix still names the secret)', () => {
    const built = ecs([]);
    expect(edgeLines(built, (k) => k === 'runs-as' || k === 'data-access').filter((l) => l.startsWith('llm:3'))).toEqual(['llm:3 > llm-task-role (runs-as)', 'llm:3 > prod/key (data-access:read)']);
    expect(edgeAttrs(built, 'llm:3', 'prod/key', 'data-access')?.detail).toEqual({ executionRole: 'llm-exec-role', via: 'task definition secrets' });
  });

  it('a service with public IPs and a world-open group is a foothold onto its task definition; without public IPs it is not', () => {
    const exposed = edgeAttrs(ecs([service({ subnets: [SUBNET], securityGroups: [GROUP], assignPublicIp: 'ENABLED' })]), 'internet', 'llm:3', 'exposure');
    expect(exposed).toMatchObject({ entryPoint: 'ecs-service-public-foothold', conditional: false, detail: { service: 'llm', via: 'public IP', ports: '8000' } });
    expect(edgeAttrs(ecs([service({ subnets: [SUBNET], securityGroups: [GROUP], assignPublicIp: 'DISABLED' })]), 'internet', 'llm:3', 'exposure')).toBeUndefined();
  });

  it('an access key in the environment makes the task definition an entry holding the key', () => {
    const KEY = 'AKIAEXAMPLERUNTIME01';
    const built = ecs([], [{ name: 'AWS_ACCESS_KEY_ID', value: KEY }], [{ UserName: 'sync-bot', Arn: `arn:aws:iam::${A}:user/sync-bot`, UserPolicyList: [] }], [{ UserName: 'sync-bot', AccessKeyId: KEY, Status: 'Active' }]);
    // Reading the configuration yields the key: the entry's paths start with the holds-credential hop (issue 15, class 5).
    expect(built.entries).toContainEqual({ node: TASK, entryPoint: 'credential-in-configuration', firstHop: 'holds-credential' });
    expect(edgeAttrs(built, 'llm:3', 'sync-bot', 'holds-credential')?.provenance[0]?.field).toBe('containerDefinitions[0].environment[0].value');
  });
});

describe('App Runner services', () => {
  const service = (IsPubliclyAccessible: boolean, Status = 'RUNNING') => ({
    ServiceName: 'chat',
    ServiceArn: `arn:aws:apprunner:${R}:${A}:service/chat/0123`,
    ServiceUrl: 'chat.awsapprunner.com',
    Status,
    InstanceConfiguration: { InstanceRoleArn: roleArn('chat-role') },
    NetworkConfiguration: { IngressConfiguration: { IsPubliclyAccessible } },
  });
  const hopOf = (s: Json) => edgeAttrs(build({ roles: [role('chat-role', { trust: trustService('tasks.apprunner.amazonaws.com') })] }, { AppRunner: { Services: [s] } }), 'internet', 'chat-role', 'exposure');

  it('a public URL reaches the instance role; private ingress or a paused service does not', () => {
    expect(hopOf(service(true))).toMatchObject({ entryPoint: 'apprunner-service-public', detail: { service: 'chat', url: 'chat.awsapprunner.com' } });
    expect(hopOf(service(false))).toBeUndefined();
    expect(hopOf(service(true, 'PAUSED'))).toBeUndefined();
  });
});
